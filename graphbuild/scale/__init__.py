"""graphbuild at scale: partitioned reading (:mod:`.shares`) and the Dask engine (:mod:`.dask`)."""
