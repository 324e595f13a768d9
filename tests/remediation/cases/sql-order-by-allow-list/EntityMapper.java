package com.example.shop.repo;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface EntityMapper {

    // ruleid: TD-T001
    @Select("SELECT * FROM orders WHERE customer_id = #{customerId} ORDER BY ${column} DESC")
    List<Map<String, Object>> sorted(@Param("customerId") long customerId, @Param("column") String column);
}
