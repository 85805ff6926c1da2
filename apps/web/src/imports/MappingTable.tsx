import type { ImportField } from './types.ts';

/** One select per target field; the server's suggestion is preselected. */
export function MappingTable({
  fields,
  headers,
  mapping,
  onChange,
}: {
  fields: ImportField[];
  headers: string[];
  mapping: Record<string, string>;
  onChange: (m: Record<string, string>) => void;
}) {
  return (
    <table className="grid compact mapping" data-testid="mapping">
      <caption className="sr-only">Which column of the file feeds each field</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Column in the file</th>
          <th scope="col">About</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f.name} className={f.required && !mapping[f.name] ? 'missing' : ''}>
            <th scope="row">
              <label htmlFor={`map-${f.name}`}>
                {f.label ?? f.name}
                {f.required && <span className="required"> *</span>}
              </label>
            </th>
            <td>
              <select
                id={`map-${f.name}`}
                value={mapping[f.name] ?? ''}
                onChange={(e) => {
                  const next = { ...mapping };
                  if (e.target.value) next[f.name] = e.target.value;
                  else delete next[f.name];
                  onChange(next);
                }}
              >
                <option value="">— not in file —</option>
                {headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </td>
            <td className="muted small">{f.description}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
