// Unknown URLs: the root error boundary shows "Page not found" with a 404 status.
import { notFound } from "~/server/http/request.server.ts";

export function loader(): never {
  notFound();
}

export function action(): never {
  notFound();
}

export default function NotFound() {
  return null;
}
