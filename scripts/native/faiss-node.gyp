{
  "targets": [
    {
      "target_name": "faiss-node",
      "sources": ["src/faiss.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")", "/usr/include"],
      "defines": ["NAPI_VERSION=6"],
      "cflags_cc!": ["-fno-rtti", "-fno-exceptions", "-std=gnu++17"],
      "cflags_cc": ["-std=c++17", "-fopenmp", "-frtti", "-fexceptions", "-include", "<(module_root_dir)/faiss-idx-compat.h"],
      "libraries": ["-lfaiss", "-lopenblas", "-fopenmp"]
    }
  ]
}
