import { NextResponse } from 'next/server';
import { exec } from 'child_process';

export async function POST(request: Request, { params }: { params: { id: string } }) {
  const { width } = await request.json();
  // ruleid: TD-E005
  exec(`convert /srv/images/${params.id}.png -resize ${width} /srv/thumbs/${params.id}.png`);
  return NextResponse.json({ queued: true });
}

export async function DELETE(request: Request, { params }: { params: { id: string } }) {
  // ok: TD-E005 (a constant command; the id only selects the row below)
  exec('find /srv/thumbs -name "*.tmp" -delete');
  return new NextResponse(null, { status: 204 });
}
