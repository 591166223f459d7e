import type { AdminAuth } from './access.ts';

declare global {
  namespace App {
    interface Locals {
      /** Set by the integration's middleware on admin routes. */
      admin?: AdminAuth;
    }
  }
}
