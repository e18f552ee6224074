// Everything a profile shows about one customer, read together and read again
// after each change made on the profile (so Activity and History follow at once).
import { useCallback, useState } from 'react';
import { useApi } from '../api/useApi';
import { useMay } from '../session';

export function useCustomer(id: number) {
  const may = useMay();
  const seesActivity = may('customers.activity');
  const customer = useApi('customers.get', { id });
  const activity = useApi('customers.activity', { id }, !seesActivity);
  const [version, setVersion] = useState(0);

  const { reload: reloadCustomer } = customer;
  const { reload: reloadActivity } = activity;
  const changed = useCallback(async () => {
    setVersion((v) => v + 1);
    await Promise.all([reloadCustomer(), seesActivity ? reloadActivity() : null]);
  }, [reloadCustomer, reloadActivity, seesActivity]);

  return { customer, activity, version, changed };
}

export type CustomerData = ReturnType<typeof useCustomer>;
