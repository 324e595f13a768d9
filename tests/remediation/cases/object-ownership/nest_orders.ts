import { Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CurrentUser } from './current-user.decorator';
import { JwtAuthGuard } from './jwt-auth.guard';

@UseGuards(JwtAuthGuard)
@Controller('orders')
export class OrdersController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':id')
  findOne(@Param('id') id: string) {
    // ruleid: TD-E001
    return this.dataSource.query('SELECT * FROM orders WHERE id = $1', [id]);
  }

  @Post(':id/cancel')
  cancel(@Param('id') id: string, @CurrentUser() user: { id: string }) {
    return this.dataSource.query("UPDATE orders SET status = 'cancelled' WHERE id = $1 AND user_id = $2", [id, user.id]);
  }
}
