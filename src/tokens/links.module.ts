import { Global, Module } from '@nestjs/common';
import { LinksService } from './links.service';

@Global()
@Module({ providers: [LinksService], exports: [LinksService] })
export class LinksModule {}
