import { Body, Controller, Delete, Param, Patch } from '@nestjs/common';
import { ProductsService } from './products.service';

export class UpdateProductDto {
  name: string;
}

@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  // ruleid: TD-R001
  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateProductDto) {
    return this.products.update(id, dto);
  }
}
