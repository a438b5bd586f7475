/**
 * Adds `value` to the list kept under `key`, in place. Grouping by copying the list at each item
 * (`map.set(key, [...(map.get(key) ?? []), value])`) is quadratic: 84,000 approvals of one history took 32 s
 * in Node that way, 9 ms this way (issue 18, docs/page-cost.md).
 */
export function addTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
  const list = groups.get(key);
  if (list) list.push(value);
  else groups.set(key, [value]);
}
