import { Body, Controller, Delete, Logger, Param, Patch } from '@nestjs/common';
import { ProductsService } from './products.service';

export class UpdateProductDto {
  name: string;
}

@Controller('products')
export class ProductsController {
  private readonly logger = new Logger(ProductsController.name);

  constructor(private readonly products: ProductsService) {}

  // ruleid: TD-R001
  @Patch(':id')
  update(@Param('id') id: string, @Body() dto: UpdateProductDto) {
    this.logger.log('audit: PATCH /products/{id}');
    return this.products.update(id, dto);
  }
}
