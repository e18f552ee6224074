// The shapes the property screens read, from the contract's answers.
import type { ApiOutput } from '../../electron/api/contract';

export type PropertyPageData = ApiOutput<'properties.get'>;
export type PropertyDetails = PropertyPageData['property'];
export type PropertyListRow = ApiOutput<'properties.list'>[number];

/** A property's page: the Customers section, opened on the property (its owner may change; the page stays). */
export const propertyHref = (id: number) => `#/customers?property=${id}`;
