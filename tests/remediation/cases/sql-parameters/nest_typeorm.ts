import { Controller, Get, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Controller('products')
export class ProductsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('search')
  search(@Query('q') q: string) {
    // ruleid: TD-T001
    return this.dataSource.query(`SELECT id, name FROM products WHERE name LIKE '%${q}%'`);
  }
}
