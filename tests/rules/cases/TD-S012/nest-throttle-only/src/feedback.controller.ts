import { Body, Controller, Post } from '@nestjs/common';
import { Public } from './public.decorator';

@Controller('feedback')
export class FeedbackController {
  // ok: TD-S012 (only a throttler is applied: there is no authentication to bypass)
  @Public()
  @Post()
  create(@Body() body: { text: string }) {
    return { received: body.text.length };
  }
}
