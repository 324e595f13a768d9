import { Body, Controller, Get, Patch, Post, UsePipes, ValidationPipe } from '@nestjs/common';
import { ItemsService } from './items.service';

export class CreateItemDto {
  name: string;
  price: number;
}

@Controller('items')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  // ok: TD-T010 (a read takes no body)
  @Get()
  list() {
    return this.items.list();
  }

  @Post()
  create(@Body() dto: CreateItemDto) {
    return this.items.create(dto);
  }

  // ok: TD-T010 (this route whitelists its own body)
  @UsePipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }))
  @Patch(':id')
  update(@Body() dto: CreateItemDto) {
    return this.items.update(dto);
  }
}
