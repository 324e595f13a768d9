package com.example.shop.repo;

import java.util.List;
import java.util.Map;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

@Mapper
public interface EntityMapper {

    // ruleid: TD-T001
    @Select("<script>SELECT * FROM orders WHERE customer_id = #{customerId} ORDER BY "
            + "<choose>"
            + "<when test=\"column == 'id'\">id</when>"
            + "<when test=\"column == 'placed_at'\">placed_at</when>"
            + "<when test=\"column == 'total_cents'\">total_cents</when>"
            + "<otherwise>id</otherwise>"
            + "</choose> DESC</script>")
    List<Map<String, Object>> sorted(@Param("customerId") long customerId, @Param("column") String column);
}
