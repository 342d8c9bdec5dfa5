/** Base URLs of Zalo's three hosts. Sandbox points them at the local simulator once its port is known. */
export interface ZaloEndpoints {
  openapi: string;
  oauth: string;
  graph: string;
}

export function trimBase(url: string): string {
  return url.replace(/\/+$/, "");
}
