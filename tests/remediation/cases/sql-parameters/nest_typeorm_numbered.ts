import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Controller('orders')
export class OrdersController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('count')
  count(@Query('status') status: string) {
    return this.dataSource.query('SELECT count(*) FROM orders WHERE status = $1', [status]);
  }

  @Get()
  list(@Query('status') status: string) {
    // ruleid: TD-T001
    return this.dataSource.query(`SELECT * FROM orders WHERE status = '${status}'`);
  }
}
