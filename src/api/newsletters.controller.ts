import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { JobSectorView, NewsletterView } from '../newsletters/dtos/catalogue.dto';
import { NewslettersService } from '../newsletters/newsletters.service';

@ApiTags('readers')
@Controller('api')
export class NewslettersController {
  constructor(private readonly newsletters: NewslettersService) {}

  @Get('newsletters')
  @ApiOkResponse({ type: [NewsletterView] })
  async list(): Promise<NewsletterView[]> {
    return (await this.newsletters.list()).map(NewsletterView.from);
  }

  @Get('job-sectors')
  @ApiOkResponse({ type: [JobSectorView] })
  async jobSectors(): Promise<JobSectorView[]> {
    return (await this.newsletters.jobSectors()).map(JobSectorView.from);
  }
}
