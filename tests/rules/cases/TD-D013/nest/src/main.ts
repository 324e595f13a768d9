import { NestFactory } from '@nestjs/core';
import { json, urlencoded } from 'express';
import { AppModule } from './app.module';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  // ruleid: TD-D013
  app.use(json({ limit: '200mb' }));
  // ok: TD-D013 (5 MB is within reason)
  app.use(urlencoded({ limit: '5mb', extended: true }));
  await app.listen(3000);
}
bootstrap();
