package com.example.pay.repo;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface PaymentMapper {

    // ruleid: TD-T001
    @Select("SELECT id, amount, booked_on FROM payments WHERE account_id = #{accountId} AND amount > #{min} ORDER BY ${sort}")
    List<Map<String, Object>> sorted(@Param("accountId") long accountId, @Param("min") long min, @Param("sort") String sort);
}
