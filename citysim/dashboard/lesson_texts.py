"""The lessons' words, in English and French: part of the translation table (`texts.TEXTS`).

For each lesson (`lessons.LESSONS`): a title, the question, the steps (one per line), what to watch
and the reveal. Every statement of a reveal is one of the lesson's claims, checked by
`tests/test_lessons.py`; change a claim and its sentence together.
"""

from __future__ import annotations

LESSON_TEXTS: dict[str, tuple[str, str]] = {
    "lesson.intro": (
        "Each lesson loads two cities on the same seeds: City A and City B differ only in what the authority "
        "does. Read the question, follow the steps, watch the charts, and only then open the answer.",
        "Chaque leçon charge deux villes sur les mêmes graines : la ville A et la ville B ne diffèrent que par "
        "ce que fait la collectivité. Lisez la question, suivez les étapes, observez les graphiques, et "
        "seulement ensuite ouvrez la réponse.",
    ),
    "lesson.load": ("Load this lesson", "Charger cette leçon"),
    "lesson.question": ("Question", "Question"),
    "lesson.steps": ("Steps", "Étapes"),
    "lesson.watch": ("What to watch", "Ce qu'il faut observer"),
    "lesson.reveal": ("Show the answer", "Voir la réponse"),
    "lesson.hide": ("Hide the answer", "Cacher la réponse"),
    "lesson.close": ("Close the lesson", "Fermer la leçon"),
    "lesson.loads": ("Loads {context}; City A: {a}; City B: {b}.", "Charge {context} ; ville A : {a} ; ville B : {b}."),
    # 1. the burn-out cascade
    "lesson.burnout.title": ("The burn-out cascade, and caring for contributors",
                             "La cascade du burn-out, et le soin des contributeurs"),
    "lesson.burnout.question": (
        "Public services ask residents for twice the volunteer hours of the calm city. What happens to the "
        "volunteers, and to the services that count on them? Can the city keep its services without asking "
        "for less?",
        "Les services publics demandent aux habitants deux fois plus d'heures de bénévolat que dans la ville "
        "calme. Que deviennent les bénévoles, et les services qui comptent sur eux ? La ville peut-elle garder "
        "ses services sans demander moins ?",
    ),
    "lesson.burnout.steps": (
        "Both cities ask 0.20 h of volunteering per resident each week. City A asks as before; City B cares "
        "for its contributors from week 0 (at most 3 h a week per volunteer, recognition, requests spread "
        "more evenly).\n"
        "Press “+1 year”: do the two cities differ yet? Which chart moves first?\n"
        "Press “+1 year” twice more, to week 156. When does City A's coverage fall? On every seed, and at "
        "the same time?\n"
        "In “Charts shown”, show “trust in the authority” instead of the declined share.\n"
        "Move “Volunteer hours asked” to 0.10 (the calm city's value) and run three years again.",
        "Les deux villes demandent 0,20 h de bénévolat par habitant et par semaine. La ville A demande comme "
        "avant ; la ville B prend soin de ses contributeurs dès la semaine 0 (au plus 3 h par semaine et par "
        "bénévole, reconnaissance, demandes mieux réparties).\n"
        "Appuyez sur « +1 an » : les deux villes diffèrent-elles déjà ? Quel graphique bouge en premier ?\n"
        "Appuyez encore deux fois sur « +1 an », jusqu'à la semaine 156. Quand la couverture de la ville A "
        "baisse-t-elle ? Sur chaque graine, et au même moment ?\n"
        "Dans « Graphiques affichés », montrez la « confiance envers la collectivité » à la place de la part "
        "refusée.\n"
        "Réglez « Heures de bénévolat demandées » sur 0,10 (la valeur de la ville calme) et relancez trois ans.",
    ),
    "lesson.burnout.watch": (
        "The coverage (the share of the hours asked that volunteers give), the declined share (the share of "
        "the hours asked that contributors turn down) and the burn-out rate (the share of the year's "
        "contributors who are burned out). Is the gap between the cities wider than the shaded bands?",
        "La couverture (la part des heures demandées que les bénévoles donnent), la part refusée (la part des "
        "heures demandées que les contributeurs déclinent) et le taux de burn-out (la part des contributeurs "
        "de l'année qui sont en burn-out). L'écart entre les villes dépasse-t-il les zones ombrées ?",
    ),
    "lesson.burnout.reveal": (
        "Requests fall mostly on the most engaged volunteers, and in City A many are asked more than their "
        "week leaves for it. They decline the rest, and the services ask those hours again, first of the "
        "decliners' neighbours. In the first year contributors decline about a tenth of what they are asked, "
        "but the re-asks make up for it: coverage hardly differs from City B's. Those who give beyond their "
        "capacity tire and burn out for six months; some of their neighbours give up volunteering. Then, on "
        "many seeds, coverage collapses within a few months: the services get little more than half the hours "
        "they ask for, and more than half is declined. When differs from seed to seed (the band widens), and "
        "on some seeds it has not come by week 156. Burn-out climbs to a quarter of the contributor pool or "
        "more around the collapse, then falls back to half of that or less: contributors now decline instead "
        "of burning out. City A ends with fewer active contributors and lower trust (unmet requests and "
        "unserved hours cost the authority trust). City B asks for the same total, but nobody is asked more "
        "than 3 h a week, recognition slows fatigue and requests are spread out: contributors decline almost "
        "nothing, coverage stays full, burn-out stays at its background level of a few percent, and trust "
        "stays higher. At 0.10 h a week the cascade does not start, even in City A: coverage holds and "
        "burn-out stays at that background level. Between 0.10 and 0.20 h lies a tipping point.",
        "Les demandes tombent surtout sur les bénévoles les plus engagés et, dans la ville A, beaucoup se "
        "voient demander plus que ce que leur semaine leur laisse pour cela. Ils déclinent le reste, et les "
        "services redemandent ces heures, d'abord aux voisins de ceux qui ont décliné. La première année, les "
        "contributeurs déclinent environ un dixième de ce qu'on leur demande, mais les nouvelles demandes "
        "compensent : la couverture diffère à peine de celle de la ville B. Ceux qui donnent au-delà de leur "
        "capacité se fatiguent et font un burn-out de six mois ; certains de leurs voisins renoncent au "
        "bénévolat. Puis, sur de nombreuses graines, la couverture s'effondre en quelques mois : les services "
        "obtiennent à peine plus de la moitié des heures demandées, et plus de la moitié est déclinée. Le "
        "moment varie d'une graine à l'autre (la zone ombrée s'élargit) et, sur certaines graines, il n'est pas "
        "venu à la semaine 156. Le burn-out monte jusqu'à un quart du vivier de contributeurs ou plus autour "
        "de l'effondrement, puis retombe à la moitié de ce pic ou moins : les contributeurs déclinent désormais "
        "au lieu de s'épuiser. La ville A finit avec moins de contributeurs actifs et moins de confiance (les "
        "demandes non satisfaites et les heures non assurées coûtent de la confiance à la collectivité). La "
        "ville B demande le même total, mais personne ne se voit demander plus de 3 h par semaine, la "
        "reconnaissance ralentit la fatigue et les demandes sont réparties : les contributeurs ne déclinent "
        "presque rien, la couverture reste complète, le burn-out reste à son niveau de fond de quelques pour "
        "cent, et la confiance reste plus haute. À 0,10 h par semaine, la cascade ne démarre pas, même dans la "
        "ville A : la couverture tient et le burn-out reste à ce niveau de fond. Entre 0,10 et 0,20 h se "
        "trouve un point de bascule.",
    ),
    # 2. the platform city
    "lesson.platforms.title": ("The platform city, and regulating it", "La ville des plateformes, et sa régulation"),
    "lesson.platforms.question": (
        "In the platform city, commercial platforms take a large cut of every delivery and ride and keep most "
        "of the data residents leave. What changes when the city regulates them?",
        "Dans la ville des plateformes, les plateformes commerciales prennent une large part de chaque "
        "livraison et de chaque course, et gardent l'essentiel des données laissées par les habitants. Que "
        "change une régulation ?",
    ),
    "lesson.platforms.steps": (
        "City A leaves the platforms alone. From week 52, City B caps their commissions at 20%, sets a minimum "
        "pay of EUR 12 per logged-in hour and makes them share half the data they capture.\n"
        "Press “+1 year”: are the two cities any different yet?\n"
        "Press “+1 year” twice more, to week 156, and read the list of what the levers did.\n"
        "Open “More about the city” below the charts and compare the sector readings.",
        "La ville A laisse faire les plateformes. Dès la semaine 52, la ville B plafonne leurs commissions à "
        "20 %, fixe une rémunération minimale de 12 EUR par heure connectée et les oblige à partager la moitié "
        "des données qu'elles captent.\n"
        "Appuyez sur « +1 an » : les deux villes diffèrent-elles déjà ?\n"
        "Appuyez encore deux fois sur « +1 an », jusqu'à la semaine 156, et lisez la liste de ce qu'ont fait "
        "les leviers.\n"
        "Ouvrez « En savoir plus sur la ville » sous les graphiques et comparez la lecture des secteurs.",
    ),
    "lesson.platforms.watch": (
        "The platforms' value share (commissions and captured data, as a share of the value created), gig "
        "workers' net pay per hour, and how many sectors the authority reads as a risk.",
        "La part de valeur captée par les plateformes (commissions et données captées, rapportées à la valeur "
        "créée), le revenu net horaire des travailleurs des plateformes, et le nombre de secteurs que la "
        "collectivité lit comme un risque.",
    ),
    "lesson.platforms.reveal": (
        "Until week 52 the two cities are exactly the same: same residents, same seeds, nothing yet done "
        "differently. Then the cap leaves more of each sale to the workers and the duty to share data cuts "
        "what platforms keep of residents' traces: the platforms' share of the value falls, and gig workers' "
        "net hourly pay rises. With platforms sharing their data and held to local rules, fewer sectors read "
        "as a risk for the authority, and trust rises: residents' trust depends in part on the authority's "
        "control over the platforms.",
        "Jusqu'à la semaine 52, les deux villes sont exactement les mêmes : mêmes habitants, mêmes graines, "
        "rien de fait autrement. Ensuite, le plafond laisse aux travailleurs une plus grande part de chaque "
        "vente et l'obligation de partage réduit ce que les plateformes gardent des traces des habitants : la "
        "part de valeur captée par les plateformes baisse et le revenu net horaire des travailleurs monte. "
        "Avec des plateformes qui partagent leurs données et respectent les règles locales, moins de secteurs "
        "sont lus comme un risque par la collectivité, et la confiance monte : la confiance des habitants "
        "dépend en partie du contrôle de la collectivité sur les plateformes.",
    ),
    # 3. the agora and the courier cooperative
    "lesson.agora.title": ("The innovation agora and the courier cooperative",
                           "L'agora de l'innovation et la coopérative de livreurs"),
    "lesson.agora.question": (
        "The seed tells that connecting the citizen and the consumer in a debate on innovation ends in support "
        "for a bike-courier cooperative. In the model, does debating change what residents choose?",
        "La source raconte que connecter le citoyen et le consommateur dans une mise en débat de l'innovation "
        "aboutit au soutien d'une coopérative de livreurs à vélo. Dans le modèle, débattre change-t-il les "
        "choix des habitants ?",
    ),
    "lesson.agora.steps": (
        "From week 52, City B holds a local debate every four weeks; from week 104 it also gives the courier "
        "cooperative a grant and buys deliveries from it. Nobody tells residents which platform to use.\n"
        "Press “+1 year” twice, to week 104, and watch the citizen orientation and the cooperative's share.\n"
        "Press “+1 year” once more, to week 156, and watch the cooperative's share.\n"
        "In City B's levers, untick “Innovation agora” and run three years again: what does the city's "
        "support do on its own?",
        "Dès la semaine 52, la ville B tient un débat local toutes les quatre semaines ; dès la semaine 104, "
        "elle accorde aussi une subvention à la coopérative de livreurs et lui achète des livraisons. Personne "
        "ne dit aux habitants quelle plateforme utiliser.\n"
        "Appuyez deux fois sur « +1 an », jusqu'à la semaine 104, et observez l'orientation citoyenne et la "
        "part de la coopérative.\n"
        "Appuyez encore une fois sur « +1 an », jusqu'à la semaine 156, et observez la part de la coopérative.\n"
        "Dans les leviers de la ville B, décochez « Agora de l'innovation » et relancez trois ans : que fait "
        "le soutien de la ville à lui seul ?",
    ),
    "lesson.agora.watch": (
        "Citizen orientation (0: consumer, 1: citizen), the cooperatives' market share, and trust in the "
        "authority.",
        "L'orientation citoyenne (0 : consommateur, 1 : citoyen), la part de marché des coopératives et la "
        "confiance envers la collectivité.",
    ),
    "lesson.agora.reveal": (
        "Until week 52 the two cities are exactly the same. At each debate, attendees whose views are close "
        "enough move towards each other, and all move a little towards the citizen pole from hearing couriers "
        "and citizens speak (this pull is an assumption of the model). By week 104 City B's residents lean "
        "clearly more to the citizen pole, yet the cooperative's share has hardly moved (by less than a point "
        "over the second year, on average; the seeds disagree): residents leaning to the citizen pole give "
        "more weight to a provider's social side, but they also choose what saves them time and what their "
        "neighbours use, and few of their neighbours use the cooperative. It stays small in both cities: in "
        "City A it serves less than a tenth of the on-demand uses. From week 104 the city's grant and "
        "purchases add to it: by the third year its share is about 11% in City B against about 7% in City A. "
        "Residents give debates more civic time, but a debate gives them a voice only in its week, and trust "
        "barely moves (by less than the smallest difference that matters). Without the debates, the city's "
        "support alone still raises the cooperative's share, and orientation does not move: changing minds and "
        "changing choices take different levers.",
        "Jusqu'à la semaine 52, les deux villes sont exactement les mêmes. À chaque débat, les participants "
        "aux avis assez proches se rapprochent, et tous vont un peu vers le pôle citoyen en entendant livreurs "
        "et citoyens (cet effet est une hypothèse du modèle). À la semaine 104, les habitants de la ville B "
        "sont nettement plus tournés vers le pôle citoyen, mais la part de la coopérative a à peine bougé (de "
        "moins d'un point sur la deuxième année, en moyenne ; les graines divergent) : les habitants tournés "
        "vers le pôle citoyen donnent plus de poids à la dimension sociale d'un prestataire, mais ils "
        "choisissent aussi ce qui leur fait gagner du temps et ce qu'utilisent leurs voisins, et peu de leurs "
        "voisins utilisent la coopérative. Elle reste petite dans les deux villes : dans la ville A, elle "
        "assure moins d'un dixième des usages des services à la demande. Dès la semaine 104, la subvention et "
        "les achats de la ville s'y ajoutent : la troisième année, sa part est d'environ 11 % dans la ville B "
        "contre environ 7 % dans la ville A. Les habitants consacrent plus de temps citoyen aux débats, mais "
        "un débat ne leur donne la parole que la semaine où il a lieu, et la confiance bouge à peine (de moins "
        "que la plus petite différence qui compte). Sans les débats, le soutien de la ville suffit encore à "
        "augmenter la part de la coopérative, et l'orientation ne bouge pas : faire changer les avis et faire "
        "changer les choix demandent des leviers différents.",
    ),
    # 4. the address commons
    "lesson.commons.title": ("The address commons", "La base adresse commune"),
    "lesson.commons.question": (
        "A global map platform builds its own map of the city and keeps its users' data: where it becomes "
        "the map everyone uses, the authority reads mapping as a risk. In 2015, France's Base Adresse "
        "Nationale pooled one address base between public bodies, La Poste and OpenStreetMap. What does such "
        "a commons change?",
        "Une plateforme cartographique mondiale construit sa propre carte de la ville et garde les données de "
        "ses utilisateurs : là où elle devient la carte de tous, la collectivité lit la cartographie comme un "
        "risque. En 2015, la Base Adresse Nationale a mis en commun une base d'adresses entre acteurs publics, "
        "La Poste et OpenStreetMap. Que change un tel commun ?",
    ),
    "lesson.commons.steps": (
        "From week 52, City B's mapping platforms pool their data in one shared address base.\n"
        "Open “More about the city” below the charts and find the mapping row of the sector readings in both "
        "cities.\n"
        "Press “+1 year” three times, to week 156.",
        "Dès la semaine 52, les plateformes de cartographie de la ville B mettent leurs données en commun dans "
        "une base d'adresses partagée.\n"
        "Ouvrez « En savoir plus sur la ville » sous les graphiques et repérez la ligne de la cartographie dans "
        "la lecture des secteurs des deux villes.\n"
        "Appuyez trois fois sur « +1 an », jusqu'à la semaine 156.",
    ),
    "lesson.commons.watch": (
        "How many sectors read as an opportunity, the value of residents' data kept by platforms, trust; and "
        "in the sector readings, the colour of mapping.",
        "Le nombre de secteurs lus comme une opportunité, la valeur des données des habitants gardée par les "
        "plateformes, la confiance ; et dans la lecture des secteurs, la couleur de la cartographie.",
    ),
    "lesson.commons.reveal": (
        "Residents use the map their neighbours use, so within the first year word of mouth settles the map "
        "of nine residents in ten or more, and which map wins can differ from seed to seed: where the global "
        "platform won, City A reads mapping as a risk; where OpenStreetMap won, only as a tension. Pooling "
        "merges the global platform's representation of the city into the shared base, ties it to a public "
        "resource and improves OpenStreetMap's service: in City B, nine residents in ten or more end up using "
        "the shared base, and mapping reads as an opportunity on every seed. Platforms keep less of residents' "
        "data, most of all where the global platform had won, and residents who leave a commercial map drift "
        "less towards the consumer pole. With one more sector read as an opportunity, the authority has more "
        "control, and trust rises.",
        "Les habitants utilisent la carte qu'utilisent leurs voisins : dès la première année, le bouche-à-"
        "oreille fixe la carte de neuf habitants sur dix ou plus, et la carte gagnante peut changer d'une "
        "graine à l'autre : là où la plateforme mondiale l'a emporté, la ville A lit la cartographie comme un "
        "risque ; là où OpenStreetMap l'a emporté, seulement comme une tension. La mise en commun fond la "
        "représentation de la ville construite par la plateforme mondiale dans la base partagée, la rend "
        "dépendante d'une ressource publique et améliore le service d'OpenStreetMap : dans la ville B, neuf "
        "habitants sur dix ou plus finissent par utiliser la base partagée, et la cartographie est lue comme "
        "une opportunité sur chaque graine. Les plateformes gardent moins de données des habitants, surtout là "
        "où la plateforme mondiale l'avait emporté, et les habitants qui quittent une carte commerciale "
        "glissent moins vers le pôle consommateur. Avec un secteur de plus lu comme une opportunité, la "
        "collectivité garde plus de contrôle, et la confiance monte.",
    ),
    # 5. the grand objective and participatory innovation
    "lesson.objective.title": ("A grand objective and participatory innovation",
                               "Un grand objectif et l'innovation participative"),
    "lesson.objective.question": (
        "The city announces “zero waste in 2040” and, once a year, lets residents vote on local innovators' "
        "projects, like a participatory budget. Who votes? What changes?",
        "La ville annonce « zéro déchet en 2040 » et, une fois par an, fait voter les habitants sur des projets "
        "d'innovateurs locaux, comme un budget participatif. Qui vote ? Qu'est-ce qui change ?",
    ),
    "lesson.objective.steps": (
        "City B states its objective in week 26 and holds its first vote in week 52, then one a year.\n"
        "Press “+1 year” and “+1 week”: read the turnout of the first vote.\n"
        "Press “+1 year” twice more, to about week 156.\n"
        "In “Charts shown”, show “grand objective progress” instead of one of the charts.",
        "La ville B énonce son objectif la semaine 26 et organise son premier vote la semaine 52, puis un par "
        "an.\n"
        "Appuyez sur « +1 an » puis « +1 semaine » : lisez la participation au premier vote.\n"
        "Appuyez encore deux fois sur « +1 an », jusqu'à la semaine 156 environ.\n"
        "Dans « Graphiques affichés », montrez le « progrès vers le grand objectif » à la place d'un graphique.",
    ),
    "lesson.objective.watch": (
        "The turnout at the latest vote, the number of sectors read as a risk, trust; then the objective's "
        "progress.",
        "La participation au dernier vote, le nombre de secteurs lus comme un risque, la confiance ; puis le "
        "progrès vers l'objectif.",
    ),
    "lesson.objective.reveal": (
        "Fewer than one resident in eight votes (about 8%; at Paris's participatory budget, 4 to 7%): voting "
        "takes time and citizen engagement, and in the model residents who trust the authority vote more. "
        "Funded projects advance the objective, recognise contributors or improve the courier cooperative's "
        "service; which ones win differs from seed to seed. The objective's signal aligns the large platforms "
        "with public goals from week 26: before the first vote, fewer sectors already read as a risk and "
        "trust is higher than in City A, and both stay so to the end.",
        "Moins d'un habitant sur huit vote (environ 8 % ; au budget participatif de Paris, 4 à 7 %) : voter "
        "demande du temps et un engagement citoyen, et dans le modèle les habitants qui font confiance à la "
        "collectivité votent davantage. Les projets financés font avancer l'objectif, reconnaissent les "
        "contributeurs ou améliorent le service de la coopérative de livreurs ; ceux qui gagnent changent "
        "d'une graine à l'autre. Le signal de l'objectif aligne les grandes plateformes sur les objectifs "
        "publics dès la semaine 26 : avant même le premier vote, moins de secteurs sont lus comme un risque et "
        "la confiance est plus haute que dans la ville A, et cela dure jusqu'à la fin.",
    ),
    # 6. the governed city
    "lesson.governed.title": ("The governed city: is the whole mix worth it?",
                              "La ville gouvernée : tout le bouquet en vaut-il la peine ?"),
    "lesson.governed.question": (
        "Caring for contributors stops the burn-out cascade. Is it worth adding the rest of the governed "
        "city's mix: innovation priorities, regulation, an agora, support for the cooperative, and a rule that "
        "opens a data partnership when mapping reads as a risk?",
        "Prendre soin des contributeurs arrête la cascade du burn-out. Vaut-il la peine d'ajouter le reste du "
        "bouquet de la ville gouvernée : priorités d'innovation, régulation, agora, soutien à la coopérative, "
        "et une règle qui ouvre un partenariat de données quand la cartographie est lue comme un risque ?",
    ),
    "lesson.governed.steps": (
        "Both cities ask 0.20 h of volunteering per resident and care for their contributors. City B adds the "
        "rest of the mix: look at its ticked levers.\n"
        "Press “+1 year” three times, to week 156. In the list of what the levers did, when does City B's "
        "adaptive rule act, and why?\n"
        "In “Charts shown”, show “burn-out rate” and “authority's spending”.",
        "Les deux villes demandent 0,20 h de bénévolat par habitant et prennent soin de leurs contributeurs. La "
        "ville B ajoute le reste du bouquet : regardez ses leviers cochés.\n"
        "Appuyez trois fois sur « +1 an », jusqu'à la semaine 156. Dans la liste de ce qu'ont fait les "
        "leviers, quand la règle adaptative de la ville B agit-elle, et pourquoi ?\n"
        "Dans « Graphiques affichés », montrez le « taux de burn-out » et les « dépenses de la collectivité ».",
    ),
    "lesson.governed.watch": (
        "The platforms' value share, trust and the sectors read as a risk; then burn-out and the authority's "
        "spending.",
        "La part de valeur captée par les plateformes, la confiance et les secteurs lus comme un risque ; puis "
        "le burn-out et les dépenses de la collectivité.",
    ),
    "lesson.governed.reveal": (
        "Burn-out stays low in both cities: caring for contributors does that on its own. The rest of the mix "
        "acts on the platforms and on the residents. Regulation lowers the share of the value platforms keep; "
        "the innovation policy and the data partnership (opened by the rule once mapping has read as a risk "
        "for eight weeks) align them with public goals, so that by the third year no sector reads as a risk; "
        "the agora moves residents towards the citizen pole. Trust rises beyond what care alone achieves. It "
        "costs more: the authority spends several times as much.",
        "Le burn-out reste bas dans les deux villes : le soin des contributeurs y suffit. Le reste du bouquet "
        "agit sur les plateformes et sur les habitants. La régulation réduit la part de valeur que gardent les "
        "plateformes ; la politique d'innovation et le partenariat de données (ouvert par la règle une fois la "
        "cartographie lue comme un risque pendant huit semaines) les alignent sur les objectifs publics, si "
        "bien qu'à la troisième année aucun secteur n'est lu comme un risque ; l'agora rapproche les habitants "
        "du pôle citoyen. La confiance monte au-delà de ce que le soin seul obtient. Cela coûte plus : la "
        "collectivité dépense plusieurs fois plus.",
    ),
}
