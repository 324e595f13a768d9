package com.example.bank.repo;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface StatementMapper {

    // ruleid: TD-T001
    @Select("<script>SELECT * FROM statements WHERE account_id = #{accountId} ORDER BY "
            + "<choose>"
            + "<when test=\"sortColumn == 'account_id'\">account_id</when>"
            + "<otherwise>account_id</otherwise>"
            + "</choose></script>")
    List<Map<String, Object>> sorted(@Param("accountId") long accountId, @Param("sortColumn") String sortColumn);
}
