"""Runs xltools' UDFs through xlwings' own registration and call path, in a child process.

xlwings only builds UDF metadata and calls functions through its wrappers in a supported
runtime. On Linux that is xlwings Server mode (Office.js custom functions), which needs the
environment below; the tests set it for this child process only.

    echo '[["XT_SCORE", ["≥60%", "50%", 15]]]' | python -m tests.udf_runner call
    python -m tests.udf_runner meta
"""

from __future__ import annotations

import asyncio
import json
import os
import sys

ENV = {"XLWINGS_ON_SERVER": "true", "XLWINGS_LICENSE_KEY": "noncommercial"}


def _as_matrix(value: object) -> object:
    if isinstance(value, list):
        return [v if isinstance(v, list) else [v] for v in value]
    return [[value]]


def main() -> None:
    import xlwings
    import xlwings.server as server

    from xltools.excel import udfs

    if sys.argv[1] == "meta":
        meta = server.custom_functions_meta(udfs)
        print(json.dumps({"meta": meta, "xlfunc": {f.__name__: {"ret": f.__xlfunc__["ret"]["doc"],
                                                              "args": [a["doc"] for a in f.__xlfunc__["args"]]}
                                                   for f in udfs.UDFS}}, ensure_ascii=False))
        return
    results = []
    for name, args in json.load(sys.stdin):
        data = {"func_name": name, "args": [_as_matrix(a) for a in args], "version": xlwings.__version__,
                "client": "Office.js", "caller_address": "Sheet1!A1", "runtime": "1.4",
                "culture_info_name": "zh-CN", "date_format": "yyyy/m/d"}
        results.append(asyncio.run(server.custom_functions_call(data, udfs)))
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    missing = {k: v for k, v in ENV.items() if os.environ.get(k) != v}
    if missing:
        sys.exit(f"run with {missing}")
    main()
