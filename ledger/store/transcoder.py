"""Event state to bytes and back: eventsourcing's JSON format, written and read with orjson.

The stored bytes are the ones eventsourcing's own JSONTranscoder writes (compact separators,
UTF-8, registered types such as UUID and datetime as {"_type_": name, "_data_": value}), so
events written before and after this transcoder read back the same, and either transcoder reads
what the other wrote. The only spelling that differs is a float with an exponent: orjson writes
1e16 and 1e-7 where the standard library writes 1e+16 and 1e-07; both read as the same number.
Whatever orjson cannot do exactly as the standard library does (NaN and infinities, integers
beyond 64 bits, strings with lone surrogates) falls back to the standard library encoder or
decoder, so no value is ever written differently in meaning.

Why: encoding and decoding are the hot loops of ingestion and of rebuilding the views; orjson
is several times faster than the json module with a Python object hook.
"""

from __future__ import annotations

import math
from typing import Any

import orjson
from eventsourcing.persistence import JSONTranscoder, TranscodingNotRegisteredError

_PLAIN = frozenset((str, int, bool, type(None)))


_NESTED = frozenset((dict, list))
_BIG = 2.0**63
"""orjson reads integers beyond 64 bits as floats: any float this large is read again."""


class _Unsupported(Exception):
    """A value orjson would write differently from the standard library: use that instead."""


class OrjsonTranscoder(JSONTranscoder):
    def encode(self, obj: Any) -> bytes:
        try:
            if type(obj) is dict:  # an event's state: mostly plain values, copy only the rest
                prepared = obj.copy()
                for k, v in obj.items():
                    if type(v) not in _PLAIN:
                        prepared[k] = self._prepare(v)
                return orjson.dumps(prepared)
            return orjson.dumps(self._prepare(obj))
        except (_Unsupported, orjson.JSONEncodeError):
            return super().encode(obj)

    def decode(self, data: bytes) -> Any:
        try:
            obj = orjson.loads(data)
        except orjson.JSONDecodeError:
            return super().decode(data)
        try:
            return self._restore_state(obj)
        except _Unsupported:
            return super().decode(data)

    def _restore_state(self, obj: Any) -> Any:
        if type(obj) is dict:  # an event's state: look only at the values that are not plain
            for k in [k for k, v in obj.items() if type(v) not in _PLAIN]:
                v = obj[k]
                t = type(v)
                if t is dict:
                    if len(v) == 2 and type(v.get("_data_")) is str and v.get("_type_"):
                        obj[k] = self._decode_obj(v)  # a tagged value, such as a UUID
                    else:
                        obj[k] = self._restore(v)
                elif t is list:
                    if v:
                        obj[k] = self._restore(v)
                elif not -_BIG < v < _BIG:
                    raise _Unsupported  # perhaps an integer beyond 64 bits, read as a float
            if len(obj) == 2 and "_type_" in obj and "_data_" in obj:
                return self._decode_obj(obj)
            return obj
        return self._restore(obj)

    def _prepare(self, o: Any) -> Any:
        """`o` with registered types replaced by their tagged form (what _encode_obj makes)."""
        t = type(o)
        if t in _PLAIN:
            return o
        if t is float:
            if math.isfinite(o):
                return o
            raise _Unsupported  # the standard library writes NaN and Infinity
        if t is dict:
            return {k: self._prepare(v) for k, v in o.items()}
        if t is list or t is tuple:
            return [self._prepare(v) for v in o]
        transcoding = self.types.get(t)
        if transcoding is None:
            if isinstance(o, (str, int, float, dict, list, tuple)):
                raise _Unsupported  # a subclass: let the standard library decide
            raise TranscodingNotRegisteredError(
                f"Object of type {t} is not serializable. Please define and register "
                "a custom transcoding for this type."
            )
        return {"_type_": transcoding.name, "_data_": self._prepare(transcoding.encode(o))}

    def _restore(self, o: Any) -> Any:
        """Tagged objects back to their types, innermost first (as the object hook does)."""
        t = type(o)
        if t is dict:
            o = {k: self._restore(v) for k, v in o.items()}
            if len(o) == 2 and "_type_" in o and "_data_" in o:
                return self._decode_obj(o)
            return o
        if t is list:
            return [self._restore(v) for v in o]
        if t is float and not -_BIG < o < _BIG:
            raise _Unsupported  # orjson reads an integer beyond 64 bits as a float
        return o
