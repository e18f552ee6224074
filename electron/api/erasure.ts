// Erasing a customer (GDPR Art. 17): administrators only, filed under the
// request's reference (electron/services/erasure.ts).
import { entry, serviceContext } from './entry';
import { id, input, text } from './fields';
import { eraseCustomer, erasureOf } from '../services/erasure';
import { getCustomer } from '../services/customers';

export const erasureApi = {
  'customers.erase': entry({
    summary: "Erase customers' personal data (GDPR)",
    access: 'administrator',
    input: input({ customerId: id, reference: text(200) }),
    run: (ctx, i) => eraseCustomer(serviceContext(ctx), i),
  }),
  'customers.erasure': entry({
    summary: 'See whether a customer was erased, when and under which reference',
    access: 'staff',
    input: input({ customerId: id }),
    run: (ctx, i) => {
      getCustomer(ctx.db, i.customerId, 'customerId'); // an unknown customer is named as such, not read as "not erased"
      return erasureOf(ctx.db, i.customerId);
    },
  }),
};
