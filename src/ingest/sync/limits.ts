/** Most arXiv results one sync asks for per category/query (the API's own page limit is 2000). */
export const MAX_ARXIV_RESULTS = 2000;

/** Most ids in one arXiv `id_list` request (the URL stays short; `--arxiv-id` lists are split). */
export const MAX_ARXIV_IDS_PER_REQUEST = 100;
