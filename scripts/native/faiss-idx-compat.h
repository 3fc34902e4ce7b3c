// faiss 1.7.3 (Debian) only declares faiss::Index::idx_t; faiss-node expects faiss::idx_t.
#pragma once
#include <faiss/Index.h>
namespace faiss {
using idx_t = Index::idx_t;
}
