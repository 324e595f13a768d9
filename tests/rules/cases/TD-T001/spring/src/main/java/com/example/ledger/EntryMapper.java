package com.example.ledger;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface EntryMapper {

    // ruleid: TD-T001
    @Select("SELECT * FROM entries ORDER BY ${column}")
    List<Object> sorted(@Param("column") String column);

    // ok: TD-T001
    @Select("SELECT * FROM entries WHERE account = #{account}")
    List<Object> forAccount(@Param("account") String account);
}
