#!/bin/sh
# Prisma's CLI downloads a native schema engine from its own host, which council networks
# often block. Commonweal does not need it: `prisma generate` only checks that this path
# exists, and migrations run through Prisma's WebAssembly schema engine (npm run db:*).
echo "Commonweal does not use Prisma's native schema engine: use npm run db:migrate, db:new or db:check." >&2
exit 1
