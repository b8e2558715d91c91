"""The residents' social network: a Watts-Strogatz small world kept as CSR arrays.

A networkx graph of a million nodes costs gigabytes and a Python loop per step;
two integer arrays (``indptr``, ``neighbours``) cost 8 bytes per edge end and
let both engines read neighbours the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.sparse import csr_matrix

from simulation.streams import Stream


@dataclass(frozen=True)
class SocialNetwork:
    indptr: np.ndarray
    """Row pointers: the neighbours of resident i are neighbours[indptr[i]:indptr[i+1]]."""
    neighbours: np.ndarray

    @cached_property
    def degree(self) -> np.ndarray:
        return np.diff(self.indptr)

    @cached_property
    def _adjacency(self) -> csr_matrix:
        n = self.indptr.size - 1
        ones = np.ones(self.neighbours.size)
        return csr_matrix((ones, self.neighbours, self.indptr), shape=(n, n))

    @cached_property
    def _divisor(self) -> np.ndarray:
        return np.maximum(self.degree, 1)[:, None]

    def neighbour_mean(self, values: np.ndarray, isolated: np.ndarray | None = None) -> np.ndarray:
        """Mean of ``values`` over each resident's neighbours, summed in neighbour order;
        ``isolated`` (default ``values``) for residents without neighbours."""
        deg = self.degree
        sums = self._adjacency @ values
        return np.where(deg > 0, sums / np.maximum(deg, 1), values if isolated is None else isolated)

    def neighbour_shares(self, flags: np.ndarray) -> np.ndarray:
        """For each column of ``flags`` (residents x k, 0 or 1), the share of each resident's neighbours
        flagged (0 without neighbours): one pass over the network for all k columns, which at a million
        residents costs little more than one (the neighbours' rows are read once, not k times)."""
        return (self._adjacency @ flags) / self._divisor  # no neighbours: a sum of 0, divided by 1

    def neighbour_sum(self, values: np.ndarray) -> np.ndarray:
        """Sum of ``values`` over each resident's neighbours (exact for counts)."""
        return self._adjacency @ values

    def neighbours_of(self, i: int) -> np.ndarray:
        return self.neighbours[self.indptr[i] : self.indptr[i + 1]]


def small_world(n: int, degree: int, rewire: float, rng: Stream) -> SocialNetwork:
    """Watts-Strogatz (1998): a ring where each node links to its ``degree`` nearest
    neighbours, each edge's far end rewired with probability ``rewire`` to a uniform
    node (self-loops redrawn away; the rare duplicate edge is dropped)."""
    half = min(degree // 2, max((n - 1) // 2, 0))
    src = np.repeat(np.arange(n, dtype=np.int64), half)
    dst = (src + np.tile(np.arange(1, half + 1, dtype=np.int64), n)) % n
    rewired = rng.random(src.size) < rewire
    new = rng.integers(0, n - 1, size=int(rewired.sum()), dtype=np.int64)
    new += new >= src[rewired]  # skip the node itself: uniform over the n-1 others
    dst[rewired] = new
    # undirected, deduplicated, CSR ordered by (row, neighbour)
    a = np.concatenate([src, dst])
    b = np.concatenate([dst, src])
    key = np.sort(a * n + b)
    key = key[np.r_[True, key[1:] != key[:-1]]]  # drop duplicate edges (np.unique is slower)
    rows, cols = np.divmod(key, n)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return SocialNetwork(indptr=indptr, neighbours=cols.astype(np.int32 if n < 2**31 else np.int64))
