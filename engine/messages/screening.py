"""Words of batch screening's executors and outputs."""

MESSAGES: dict[str, tuple[str, str]] = {
    "screening.no_dask": ("--executor dask 需要 Dask:pip install 'subsidy-engine[dask]'",
                          "--executor dask needs Dask: pip install 'subsidy-engine[dask]'"),
}
