import type { Header } from 'har-format';

export function Headers({ title, headers }: { title: string; headers: Header[] }) {
  return (
    <details class="d-headers">
      <summary>
        {title} ({headers.length})
      </summary>
      <table>
        <tbody>
          {headers.map((h, i) => (
            <tr key={i}>
              <th>{h.name}</th>
              <td>{h.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
