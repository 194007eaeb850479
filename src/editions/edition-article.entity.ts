import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Edition } from './edition.entity';

@Entity('edition_articles')
export class EditionArticle {
  @PrimaryColumn({ name: 'edition_id', type: 'integer' })
  editionId!: number;

  @PrimaryColumn({ name: 'article_id', type: 'integer' })
  articleId!: number;

  @ManyToOne(() => Edition, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id' })
  edition?: Edition;

  @ManyToOne('Article', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'article_id' })
  article?: object;

  @Column({ name: 'position', type: 'integer' })
  position!: number;
}
