import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { IsEmailAddress } from '../../common/email-address';

export class ComposeEditionDto {
  @ApiPropertyOptional({ description: 'Default: "<newsletter>: <lead headline>"', maxLength: 300 })
  @IsOptional()
  @MaxLength(300)
  @MinLength(1)
  @IsString()
  subject?: string;

  @ApiPropertyOptional({ description: 'The preview line mail clients show after the subject', maxLength: 300 })
  @IsOptional()
  @MaxLength(300)
  @IsString()
  preheader?: string;

  @ApiPropertyOptional({ type: [Number], description: 'Articles in order; default: those published since the last edition' })
  @IsOptional()
  @Min(1, { each: true, message: 'Each article id must be a positive whole number' })
  @IsInt({ each: true, message: 'Each article id must be a positive whole number' })
  @ArrayMaxSize(50)
  @ArrayNotEmpty({ message: 'Give at least one article id, or leave articleIds out' })
  @IsArray()
  articleIds?: number[];
}

export class TestSendDto {
  @ApiProperty({ example: ['editor@newstatesman.co.uk'], maxItems: 10 })
  @IsEmailAddress({ each: true })
  @ArrayMaxSize(10, { message: 'At most 10 test recipients' })
  @ArrayNotEmpty({ message: 'Give at least one address' })
  @IsArray({ message: 'to must be a list of addresses' })
  to!: string[];
}
