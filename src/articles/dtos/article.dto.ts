import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  Matches,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidationOptions,
} from 'class-validator';
import { decodeCursor } from '../article-cursor';
import { ARTICLE_LIMITS, isHttpUrl } from '../article-fields';

function IsHttpUrl(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({ name: 'isHttpUrl', target: target.constructor, propertyName, options, validator: { validate: isHttpUrl } });
}

function IsArticleCursor(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isArticleCursor',
      target: target.constructor,
      propertyName,
      options,
      validator: { validate: (value: unknown) => typeof value === 'string' && decodeCursor(value) !== null },
    });
}

const L = ARTICLE_LIMITS;

/** An article as an editor sends it. Text is kept exactly as sent; mail escapes it when rendering. */
export class ArticleDto {
  @ApiProperty({ example: 'https://www.newstatesman.com/the-staggers/2023/03/why-alexander-lukashenko-trip-china-matters', maxLength: L.url })
  @IsHttpUrl({ message: `url must be an absolute http(s) URL of at most ${L.url} characters` })
  @IsString({ message: 'url must be an absolute http(s) URL' })
  url!: string;

  @ApiProperty({ example: 'Why Alexander Lukashenko’s trip to China matters', maxLength: L.title })
  @MaxLength(L.title, { message: `title must be at most ${L.title} characters` })
  @Matches(/\S/, { message: 'title is required' })
  @IsString({ message: 'title is required' })
  title!: string;

  @ApiPropertyOptional({ example: 'The Belarusian autocrat is a close ally of Vladimir Putin, and a useful friend in Beijing’s contest with the West.', maxLength: L.standfirst })
  @IsOptional()
  @MaxLength(L.standfirst, { message: `standfirst must be at most ${L.standfirst} characters` })
  @IsString({ message: 'standfirst must be text' })
  standfirst?: string | null;

  @ApiPropertyOptional({ example: 'Katie Stallard', maxLength: L.author })
  @IsOptional()
  @MaxLength(L.author, { message: `author must be at most ${L.author} characters` })
  @IsString({ message: 'author must be text' })
  author?: string | null;

  @ApiPropertyOptional({ example: 'The Staggers', maxLength: L.section })
  @IsOptional()
  @MaxLength(L.section, { message: `section must be at most ${L.section} characters` })
  @IsString({ message: 'section must be text' })
  section?: string | null;

  @ApiPropertyOptional({ example: ['Belarus', 'China'], maxItems: L.topics })
  @IsOptional()
  @MaxLength(L.topic, { each: true, message: `each topic must be at most ${L.topic} characters` })
  @IsNotEmpty({ each: true, message: 'a topic cannot be empty' })
  @IsString({ each: true, message: 'each topic must be text' })
  @ArrayMaxSize(L.topics, { message: `at most ${L.topics} topics` })
  @IsArray({ message: 'topics must be a list of strings' })
  topics?: string[] | null;

  @ApiProperty({ example: '2023-03-01T11:30:00Z', description: 'ISO 8601' })
  @IsISO8601({ strict: true }, { message: 'publishedAt must be an ISO 8601 date, like 2023-03-01T11:30:00Z' })
  @IsString({ message: 'publishedAt must be an ISO 8601 date, like 2023-03-01T11:30:00Z' })
  publishedAt!: string;

  @ApiPropertyOptional({ example: 'https://www.newstatesman.com/wp-content/uploads/sites/2/2023/03/lukashenko-xi-beijing.jpg', maxLength: L.url })
  @IsOptional()
  @IsHttpUrl({ message: `imageUrl must be an absolute http(s) URL of at most ${L.url} characters` })
  @IsString({ message: 'imageUrl must be an absolute http(s) URL' })
  imageUrl?: string | null;

  @ApiPropertyOptional({ description: '"Content from our partners"', default: false })
  @IsOptional()
  @IsBoolean({ message: 'sponsored must be true or false' })
  sponsored?: boolean | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['education-curriculum-and-teaching'],
    description: 'For a partner piece: the job sectors (slugs, GET /api/job-sectors) whose readers get it; empty or absent: everyone',
  })
  @IsOptional()
  @IsString({ each: true, message: 'each target sector must be a job sector slug' })
  @ArrayMaxSize(100)
  @IsArray({ message: 'targetSectors must be a list of job sector slugs' })
  targetSectors?: string[] | null;
}

export class ArticlesQueryDto {
  @ApiPropertyOptional({ example: '2023-02-25T00:00:00Z', description: 'Articles published at or after this time (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'since must be an ISO 8601 date, like 2023-03-01 or 2023-03-01T06:00:00Z' })
  since?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Max(200, { message: 'limit must be between 1 and 200' })
  @Min(1, { message: 'limit must be between 1 and 200' })
  @IsInt({ message: 'limit must be a whole number' })
  @Type(() => Number)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @IsOptional()
  @IsArticleCursor({ message: 'cursor must be the `next` value of a previous page' })
  cursor?: string;
}

export class ArticleView {
  @ApiProperty() id!: number;
  @ApiProperty() url!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) standfirst!: string | null;
  @ApiProperty({ type: String, nullable: true }) author!: string | null;
  @ApiProperty({ type: String, nullable: true }) section!: string | null;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty({ type: String, format: 'date-time' }) publishedAt!: Date;
  @ApiProperty({ type: String, nullable: true }) imageUrl!: string | null;
  @ApiProperty() sponsored!: boolean;
  @ApiProperty({ type: [String], description: 'Job sector slugs a partner piece is aimed at; empty: everyone' }) targetSectors?: string[];
  /** The same as ids, for the service's own use. */
  @ApiHideProperty() targetSectorIds!: number[];
}

export class ArticlePage {
  @ApiProperty({ type: [ArticleView], description: 'Newest first' }) articles!: ArticleView[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next (older) page; null on the last page' })
  next!: string | null;
}
