import { Field, ID, InterfaceType } from 'type-graphql';
import { PrimaryGeneratedColumn } from 'typeorm';
import { NodeTypeName, toGlobalId } from './ids';

/**
 * Base of every entity that is also a GraphQL object: an integer primary key inside, an
 * opaque prefixed global ID outside.
 */
@InterfaceType('Node', {
  description: 'An object with a global ID; any of them can be fetched again with `node(id:)`.',
})
export abstract class Node {
  @PrimaryGeneratedColumn()
  id!: number;

  @Field(() => ID, { name: 'id', description: 'Opaque global ID with a type prefix, e.g. crs_Vx3kq9.' })
  get globalId(): string {
    return toGlobalId(this.constructor.name as NodeTypeName, this.id);
  }
}
