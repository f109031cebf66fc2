/** Most arXiv results one sync asks for per category/query (the API's own page limit is 2000). */
export const MAX_ARXIV_RESULTS = 2000;
