package com.example.books.repo;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

// No entity and no other SQL names a column of `ledger`: no allow-list, no fix.
@Mapper
public interface LedgerMapper {

    // ruleid: TD-T001
    @Select("SELECT * FROM ledger ORDER BY ${sort}")
    List<Map<String, Object>> sorted(@Param("sort") String sort);
}
