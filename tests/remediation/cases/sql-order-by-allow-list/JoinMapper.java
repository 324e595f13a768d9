package com.example.bank.repo;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

// A statement over two tables: which table's columns may sort it is not known, no fix.
@Mapper
public interface JoinMapper {

    // ruleid: TD-T001
    @Select("SELECT a.id, o.name FROM accounts a JOIN owners o ON o.id = a.owner_id WHERE a.id = #{id} ORDER BY ${sort}")
    List<Map<String, Object>> sorted(@Param("id") long id, @Param("sort") String sort);

    @Select("SELECT id, iban FROM accounts WHERE id = #{id}")
    Map<String, Object> one(@Param("id") long id);
}
