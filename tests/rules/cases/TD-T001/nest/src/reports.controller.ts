import { Controller, Get, Param, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Controller('reports')
export class ReportsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  search(@Query('customer') customer: string) {
    // ruleid: TD-T001
    return this.db.query(`SELECT * FROM reports WHERE customer = '${customer}'`);
  }

  @Get(':id')
  findOne(@Param('id') id: string) {
    // ok: TD-T001 (a bound parameter)
    return this.db.query('SELECT * FROM reports WHERE id = $1', [id]);
  }
}
