"""The clinical sources the app's rules and defaults come from (About box, reports).

The full table, one row per default value, is docs/clinical-sources.md.
"""

from __future__ import annotations

CLINICAL_SOURCES: tuple[str, ...] = (
    "Rich A, Cook J, Hahne A, Ford J. Proximal hamstring tendinopathy: a clinical "
    "commentary on current evidence and management. Int J Sports Phys Ther 2025;20(3).",
    "Goom TSH, Malliaras P, Reiman MP, Purdam CR. Proximal hamstring tendinopathy: clinical "
    "aspects of assessment and management. J Orthop Sports Phys Ther 2016;46(6):483–93.",
    "Rio E, Kidgell D, Purdam C, et al. Isometric exercise induces analgesia and reduces "
    "inhibition in patellar tendinopathy. Br J Sports Med 2015;49(19):1277–83.",
    "Silbernagel KG, Thomeé R, Eriksson BI, Karlsson J. Continued sports activity, using a "
    "pain-monitoring model, during rehabilitation in Achilles tendinopathy. Am J Sports Med "
    "2007;35(6):897–906.",
    "Cook JL, Purdam CR. Is tendon pathology a continuum? Br J Sports Med 2009;43(6):409–16.",
    "Kongsgaard M et al. 2009 and Beyer R et al. 2015: heavy slow resistance training for "
    "tendinopathy (Scand J Med Sci Sports; Am J Sports Med).",
)
