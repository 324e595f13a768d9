import { NextResponse } from 'next/server';
import { pool } from '../../../lib/db';

export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const term = searchParams.get('q');
  // ok: TD-T001 (a bound parameter)
  const rows = await pool.query('SELECT * FROM products WHERE name = $1', [term]);
  return NextResponse.json(rows);
}

export async function POST(request: Request) {
  const body = await request.json();
  // ruleid: TD-T001
  const rows = await pool.query(`SELECT * FROM products WHERE category = '${body.category}'`);
  return NextResponse.json(rows);
}
