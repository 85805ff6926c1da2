import { createWriteStream } from 'node:fs';

export const INVOICE_CSV_HEADER =
  'Invoice No,Customer Code,Customer Name,Invoice Date,Due Date,Currency,Taxable Value,CGST,SGST,Invoice Amount,Balance Due,PO No';

/**
 * A deterministic invoice register as an ERP exports it: 1 in 3 invoices already paid
 * (balance 0), 5,000 customers, D/M/YYYY dates, quoted names with commas, CRLF line ends.
 * Amounts are built in paise as integers, so the file is exact by construction.
 */
export async function generateInvoiceCsv(path: string, rows: number, customers = 5000) {
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write(`${INVOICE_CSV_HEADER}\r\n`);
  let chunk = '';
  const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
  for (let i = 1; i <= rows; i++) {
    const taxable = 1000 + ((i * 7919) % 9_000_000);
    const cgst = Math.round(taxable * 0.09);
    const total = taxable + 2 * cgst;
    const day = 1 + (i % 28);
    const month = 1 + (i % 12);
    const customer = `CUST-${String(i % customers).padStart(5, '0')}`;
    const name = i % 10 === 0 ? `"Shah & Sons, Traders ${i % customers}"` : `Customer ${i % customers} Pvt Ltd`;
    chunk += `SI/24-25/${String(i).padStart(7, '0')},${customer},${name},${day}/${month}/2024,${day}/${month}/2025,INR,${cents(taxable)},${cents(cgst)},${cents(cgst)},"${cents(total)}",${cents(i % 3 === 0 ? 0 : total)},PO-${i % 100000}\r\n`;
    if (i % 10_000 === 0) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve) => out.end(resolve));
}
