package com.example.pay.repo;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface PaymentMapper {

    // ruleid: TD-T001
    @Select("<script>SELECT id, amount, booked_on FROM payments WHERE account_id = #{accountId} AND amount &gt; #{min} ORDER BY "
            + "<choose>"
            + "<when test=\"sort == 'id'\">id</when>"
            + "<when test=\"sort == 'amount'\">amount</when>"
            + "<when test=\"sort == 'booked_on'\">booked_on</when>"
            + "<when test=\"sort == 'account_id'\">account_id</when>"
            + "<otherwise>id</otherwise>"
            + "</choose></script>")
    List<Map<String, Object>> sorted(@Param("accountId") long accountId, @Param("min") long min, @Param("sort") String sort);
}
