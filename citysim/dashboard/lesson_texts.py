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
        "In the platform city, commercial platforms take a large cut of every delivery and ride and keep "
        "most of the data residents leave; they learn their price and commission from their profits. What "
        "changes when the city regulates them, and what makes them obey?",
        "Dans la ville des plateformes, les plateformes commerciales prennent une large part de chaque "
        "livraison et de chaque course, et gardent l'essentiel des données laissées par les habitants ; "
        "elles ajustent leur prix et leur commission d'après leurs profits. Que change une régulation, et "
        "qu'est-ce qui les fait obéir ?",
    ),
    "lesson.platforms.steps": (
        "City A leaves the platforms alone. From week 52, City B caps their commissions at 20%, sets a "
        "minimum pay of EUR 12 per logged-in hour and makes them share half the data they capture, with a "
        "fine of EUR 0.5 per resident a week for a platform caught defying a rule.\n"
        "Press “+1 year”: are the two cities any different yet?\n"
        "Press “+1 year” twice more, to week 156. Which charts moved apart, and which did not?\n"
        "In City B's levers, raise the regulation's fine to EUR 5 per resident a week and run three years "
        "again.",
        "La ville A laisse faire les plateformes. Dès la semaine 52, la ville B plafonne leurs "
        "commissions à 20 %, fixe une rémunération minimale de 12 EUR par heure connectée et les oblige à "
        "partager la moitié des données qu'elles captent, avec une amende de 0,5 EUR par habitant et par "
        "semaine pour une plateforme prise à braver une règle.\n"
        "Appuyez sur « +1 an » : les deux villes diffèrent-elles déjà ?\n"
        "Appuyez encore deux fois sur « +1 an », jusqu'à la semaine 156. Quels graphiques se sont "
        "écartés, et lesquels non ?\n"
        "Dans les leviers de la ville B, portez l'amende de la régulation à 5 EUR par habitant et par "
        "semaine, et relancez trois ans.",
    ),
    "lesson.platforms.watch": (
        "The platforms' value share (commissions and captured data, as a share of the value created), gig "
        "workers' net pay per hour, and the value of residents' data the platforms keep.",
        "La part de valeur captée par les plateformes (commissions et données captées, rapportées à la "
        "valeur créée), le revenu net horaire des travailleurs des plateformes, et la valeur des données "
        "des habitants que gardent les plateformes.",
    ),
    "lesson.platforms.reveal": (
        "Until week 52 the two cities are exactly the same: same residents, same seeds, nothing yet done "
        "differently. Then each platform weighs each rule: it defies a rule when what it gains by "
        "ignoring it is more than the fine it expects (the fine times the chance the authority enforces "
        "it, which grows with the authority's legitimacy). Under a fine of EUR 0.5 per resident a week, "
        "RideNow defies the commission cap on every seed and QuickEats on most: keeping their commission "
        "earns them more than the fine they expect. Sharing data costs them less than that, so no platform defies "
        "the data-sharing duty, and the value of residents' data they keep falls. But their share of the "
        "value stays about half in both cities, the seeds disagree on what happens to gig workers' net "
        "hourly pay, and the number of sectors read as a risk does not change meaningfully: a rule nobody "
        "is made to respect changes little. With a fine of EUR 5, no platform defies any rule: the cap "
        "binds, the platforms' share of the value falls below a quarter, the pay floor raises gig "
        "workers' net hourly pay, and the platforms keep less of residents' data. A regulation is only as "
        "strong as what defying it costs.",
        "Jusqu'à la semaine 52, les deux villes sont exactement les mêmes : mêmes habitants, mêmes "
        "graines, rien de fait autrement. Ensuite, chaque plateforme pèse chaque règle : elle brave une "
        "règle quand ce qu'elle gagne à l'ignorer dépasse l'amende qu'elle attend (l'amende multipliée "
        "par la probabilité que la collectivité la fasse appliquer, qui croît avec sa légitimité). Avec "
        "une amende de 0,5 EUR par habitant et par semaine, RideNow brave le plafond de commission sur "
        "chaque graine et QuickEats sur la plupart : garder leur commission leur rapporte plus que "
        "l'amende qu'elles attendent. Partager leurs données leur coûte moins que cela : aucune plateforme ne brave "
        "l'obligation de partage, et la valeur des données des habitants qu'elles gardent baisse. Mais "
        "leur part de la valeur reste d'environ la moitié dans les deux villes, les graines ne s'accordent "
        "pas sur le revenu net horaire des travailleurs, et le nombre de secteurs lus comme un risque ne "
        "change pas de façon notable : une règle que personne n'est contraint de respecter change peu de "
        "choses. Avec une amende "
        "de 5 EUR, aucune plateforme ne brave plus aucune règle : le plafond s'applique, la part de la "
        "valeur captée par les plateformes tombe sous le quart, le revenu minimal fait monter le revenu "
        "net horaire des travailleurs, et les plateformes gardent moins de données des habitants. Une "
        "régulation ne vaut que ce que coûte le fait de la braver.",
    ),
    # 3. the agora and the courier cooperative
    "lesson.agora.title": ("The innovation agora and the courier cooperative",
                           "L'agora de l'innovation et la coopérative de livreurs"),
    "lesson.agora.question": (
        "The seed tells that connecting the citizen and the consumer in a debate on innovation ends in "
        "support for a bike-courier cooperative. In the model, do debates change what residents think, "
        "and what decides whether the cooperative grows?",
        "La source raconte que connecter le citoyen et le consommateur dans une mise en débat de "
        "l'innovation aboutit au soutien d'une coopérative de livreurs à vélo. Dans le modèle, les débats "
        "changent-ils ce que pensent les habitants, et qu'est-ce qui décide de la croissance de la "
        "coopérative ?",
    ),
    "lesson.agora.steps": (
        "From week 52, City B holds a local debate every four weeks, where couriers and cooperative "
        "members tell what they experienced; from week 104 it also gives the courier cooperative a grant "
        "and buys deliveries from it. Nobody tells residents which platform to use.\n"
        "Press “+1 year” twice, to week 104, and watch the citizen orientation and the civic hours.\n"
        "Press “+1 year” once more, to week 156, and watch the cooperative's share. Change the seed: does "
        "it end the same way?\n"
        "In City B's levers, untick “Innovation agora” and run three years again: what does the city's "
        "support do on its own?",
        "Dès la semaine 52, la ville B tient un débat local toutes les quatre semaines, où livreurs et "
        "coopérateurs racontent ce qu'ils ont vécu ; dès la semaine 104, elle accorde aussi une "
        "subvention à la coopérative de livreurs et lui achète des livraisons. Personne ne dit aux "
        "habitants quelle plateforme utiliser.\n"
        "Appuyez deux fois sur « +1 an », jusqu'à la semaine 104, et observez l'orientation citoyenne et "
        "le temps citoyen.\n"
        "Appuyez encore une fois sur « +1 an », jusqu'à la semaine 156, et observez la part de la "
        "coopérative. Changez la graine : l'histoire finit-elle de la même façon ?\n"
        "Dans les leviers de la ville B, décochez « Agora de l'innovation » et relancez trois ans : que "
        "fait le soutien de la ville à lui seul ?",
    ),
    "lesson.agora.watch": (
        "Citizen orientation (0: consumer, 1: citizen), the cooperatives' market share, and the hours "
        "residents give to civic life.",
        "L'orientation citoyenne (0 : consommateur, 1 : citoyen), la part de marché des coopératives, et "
        "les heures que les habitants consacrent à la vie citoyenne.",
    ),
    "lesson.agora.reveal": (
        "Until week 52 the two cities are exactly the same. At each debate, attendees hear what the "
        "couriers and cooperative members among them lived (their pay, their unpaid waiting), and those "
        "whose views are close enough move towards each other; nothing pushes them towards the citizen "
        "pole. Residents give the debates more civic time, yet citizen orientation does not change "
        "meaningfully, neither by week 104 nor in the third year, and trust does not either: testimony "
        "alone, in a calm city where few have hard stories to tell, moves little. Why might a real debate "
        "move more? The cooperative's fate is decided elsewhere: its commercial rival QuickEats learns "
        "its prices from its profits, and on some seeds it runs out of capital and leaves delivery. Where "
        "it leaves, the cooperative ends with about half of the on-demand uses; where it stays, with a "
        "tenth or less (in City A; in City B too the seeds part this way, though a debate can change "
        "when, or whether, it happens). Without the debates, the seeds disagree on what the city's grant "
        "and purchases alone do to the cooperative's share, and orientation does not move: the market and "
        "chance weigh more here than the city's words or money.",
        "Jusqu'à la semaine 52, les deux villes sont exactement les mêmes. À chaque débat, les "
        "participants entendent ce qu'ont vécu les livreurs et les coopérateurs présents (leur "
        "rémunération, leur attente non payée), et ceux dont les avis sont assez proches se rapprochent ; "
        "rien ne les pousse vers le pôle citoyen. Les habitants consacrent plus de temps citoyen aux "
        "débats, mais l'orientation citoyenne ne change pas de façon notable, ni à la semaine 104 ni la "
        "troisième année, et la confiance non plus : des témoignages seuls, dans une ville calme où peu "
        "ont des histoires dures à raconter, bougent peu de choses. Pourquoi un vrai débat pourrait-il "
        "faire bouger davantage ? Le sort de la coopérative se joue ailleurs : sa concurrente commerciale "
        "QuickEats ajuste ses prix d'après ses profits et, sur certaines graines, elle épuise son capital "
        "et quitte la livraison. Là où elle part, la coopérative finit avec environ la moitié des usages "
        "des services à la demande ; là où elle reste, avec un dixième ou moins (dans la ville A ; dans "
        "la ville B aussi les graines se partagent ainsi, mais un débat peut changer quand, ou si, cela "
        "arrive). Sans les débats, les graines ne s'accordent pas sur ce que la subvention et les achats de "
        "la ville font à eux seuls à la part de la coopérative, et l'orientation ne bouge pas : le marché "
        "et le hasard pèsent ici plus que les paroles ou l'argent de la ville.",
    ),
    # 4. the address commons
    "lesson.commons.title": ("The address commons", "La base adresse commune"),
    "lesson.commons.question": (
        "A global map platform builds its own map of the city and keeps its users' data: where it becomes "
        "the map everyone uses, the authority reads mapping as a risk. In 2015, France's Base Adresse "
        "Nationale pooled one address base between public bodies, La Poste and OpenStreetMap. What does "
        "such a commons change, and how strong must it be?",
        "Une plateforme cartographique mondiale construit sa propre carte de la ville et garde les "
        "données de ses utilisateurs : là où elle devient la carte de tous, la collectivité lit la "
        "cartographie comme un risque. En 2015, la Base Adresse Nationale a mis en commun une base "
        "d'adresses entre acteurs publics, La Poste et OpenStreetMap. Que change un tel commun, et quelle "
        "force lui faut-il ?",
    ),
    "lesson.commons.steps": (
        "From week 52, City B offers the mapping sector a shared address base; OpenStreetMap decides "
        "whether to pool its data into it.\n"
        "Open “More about the city” below the charts and find the mapping row of the sector readings in "
        "both cities.\n"
        "Press “+1 year” three times, to week 156.\n"
        "In City B's levers, move the data partnership's slider (the service OpenStreetMap gains by "
        "pooling) from 0.5 to 1.0 and run three years again, watching the mapping row.",
        "Dès la semaine 52, la ville B offre au secteur de la cartographie une base d'adresses partagée ; "
        "OpenStreetMap décide d'y verser ou non ses données.\n"
        "Ouvrez « En savoir plus sur la ville » sous les graphiques et repérez la ligne de la "
        "cartographie dans la lecture des secteurs des deux villes.\n"
        "Appuyez trois fois sur « +1 an », jusqu'à la semaine 156.\n"
        "Dans les leviers de la ville B, déplacez le curseur du partenariat de données (le service que "
        "gagne OpenStreetMap en mettant ses données en commun) de 0,5 à 1,0 et relancez trois ans, en "
        "suivant la ligne de la cartographie.",
    ),
    "lesson.commons.watch": (
        "How many sectors read as an opportunity and as a risk, the value of residents' data kept by "
        "platforms; and in the sector readings, the colour of mapping.",
        "Le nombre de secteurs lus comme une opportunité et comme un risque, la valeur des données des "
        "habitants gardée par les plateformes ; et dans la lecture des secteurs, la couleur de la "
        "cartographie.",
    ),
    "lesson.commons.reveal": (
        "Residents use the map their neighbours use, and the global platform's map is handier: within the "
        "first year nine residents in ten or more use it, and from about week 23 City A reads mapping as "
        "a risk. OpenStreetMap, an incumbent under pressure, takes up City B's offer as soon as it is "
        "made (week 52) and pools its data into the shared base, which improves its service. At the "
        "partnership's strength of 0.5 that is not enough: about twice as many residents use "
        "OpenStreetMap as in City A, but still fewer than one in eight, mapping still reads as a risk, "
        "and neither the number of risk sectors, nor the data platforms keep, nor trust changes "
        "meaningfully. At a strength of 1.0 the pooled service beats the global map: residents switch, "
        "neighbour after neighbour, mapping reads as a tension in the second year and as an opportunity "
        "by the third, when nine residents in ten or more use OpenStreetMap. Then fewer sectors read as a "
        "risk, platforms keep less of residents' data, residents lean more to the citizen pole and trust "
        "rises. A commons must be good enough to win users before it changes the city.",
        "Les habitants utilisent la carte qu'utilisent leurs voisins, et la carte de la plateforme "
        "mondiale est plus pratique : dès la première année, neuf habitants sur dix ou plus l'utilisent "
        "et, à partir de la semaine 23 environ, la ville A lit la cartographie comme un risque. "
        "OpenStreetMap, acteur en place sous pression, accepte l'offre de la ville B dès qu'elle est "
        "faite (semaine 52) et verse ses données dans la base partagée, ce qui améliore son service. Avec "
        "un partenariat de force 0,5, cela ne suffit pas : environ deux fois plus d'habitants utilisent "
        "OpenStreetMap que dans la ville A, mais toujours moins d'un sur huit, la cartographie reste lue "
        "comme un risque, et ni le nombre de secteurs à risque, ni les données gardées par les "
        "plateformes, ni la confiance ne changent de façon notable. Avec une force de 1,0, le service mis "
        "en commun l'emporte sur la carte mondiale : les habitants basculent, de voisin en voisin, la "
        "cartographie est lue comme une tension la deuxième année et comme une opportunité la troisième, "
        "quand neuf habitants sur dix ou plus utilisent OpenStreetMap. Alors moins de secteurs sont lus "
        "comme un risque, les plateformes gardent moins de données des habitants, les habitants se "
        "tournent davantage vers le pôle citoyen et la confiance monte. Un commun doit être assez bon "
        "pour gagner des utilisateurs avant de changer la ville.",
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
        "Both cities ask 0.20 h of volunteering per resident and care for their contributors. City B adds "
        "the rest of the mix: look at its ticked levers.\n"
        "Press “+1 year” three times, to week 156. In the list of what the levers did, when does City B's "
        "adaptive rule act, and why?\n"
        "Open “More about the city” and compare the sector readings of the two cities.\n"
        "In “Charts shown”, show “burn-out rate” and “trust in the authority”.",
        "Les deux villes demandent 0,20 h de bénévolat par habitant et prennent soin de leurs "
        "contributeurs. La ville B ajoute le reste du bouquet : regardez ses leviers cochés.\n"
        "Appuyez trois fois sur « +1 an », jusqu'à la semaine 156. Dans la liste de ce qu'ont fait les "
        "leviers, quand la règle adaptative de la ville B agit-elle, et pourquoi ?\n"
        "Ouvrez « En savoir plus sur la ville » et comparez la lecture des secteurs des deux villes.\n"
        "Dans « Graphiques affichés », montrez le « taux de burn-out » et la « confiance envers la "
        "collectivité ».",
    ),
    "lesson.governed.watch": (
        "The platforms' value share, the sectors read as an opportunity and the authority's spending; "
        "then burn-out and trust.",
        "La part de valeur captée par les plateformes, les secteurs lus comme une opportunité et les "
        "dépenses de la collectivité ; puis le burn-out et la confiance.",
    ),
    "lesson.governed.reveal": (
        "Burn-out stays low in both cities: caring for contributors does that on its own. The rest of the "
        "mix acts on the platforms. Once mapping has read as a risk for eight weeks, the adaptive rule "
        "opens a data partnership before week 52 and OpenStreetMap pools its data into it, but at the "
        "partnership's default strength mapping still reads as a risk. Regulation comes with the default "
        "fine, and RideNow defies its commission cap; still, with the data-sharing duty and the other "
        "levers, the platforms keep less of residents' data and their share of the value falls a little. "
        "The innovation priorities align the platforms of their sectors with public goals: mobility reads "
        "as an opportunity in City B, as a tension in City A. Residents' orientation and trust, however, "
        "do not change meaningfully. It costs more: the authority spends several times as much. Is it "
        "worth it? Which lever would you strengthen first?",
        "Le burn-out reste bas dans les deux villes : le soin des contributeurs y suffit. Le reste du "
        "bouquet agit sur les plateformes. Une fois la cartographie lue comme un risque pendant huit "
        "semaines, la règle adaptative ouvre un partenariat de données avant la semaine 52 et "
        "OpenStreetMap y verse ses données, mais à la force par défaut du partenariat, la cartographie "
        "reste lue comme un risque. La régulation vient avec l'amende par défaut, et RideNow brave son "
        "plafond de commission ; malgré cela, avec l'obligation de partage des données et les autres "
        "leviers, les plateformes gardent moins de données des habitants et leur part de la valeur baisse "
        "un peu. Les priorités d'innovation alignent les plateformes de leurs secteurs sur les objectifs "
        "publics : la mobilité est lue comme une opportunité dans la ville B, comme une tension dans la "
        "ville A. L'orientation et la confiance des habitants, en revanche, ne changent pas de façon "
        "notable. Cela coûte plus : la collectivité dépense plusieurs fois plus. Cela en vaut-il la peine "
        "? Quel levier renforceriez-vous d'abord ?",
    ),
    # 7. the integrated platform city
    "lesson.integrated.title": ("The integrated platform city: one company, three services",
                                "La ville plateforme intégrée : une entreprise, trois services"),
    "lesson.integrated.question": (
        "In the 100% platform city, one company, OmniCorp, runs a map, ride-hailing and food delivery, and "
        "pools the data of all three: what its map learns makes its rides and deliveries more convenient, "
        "and the other way round. How firm is its hold on the city? Does a regulation that makes it share "
        "its data loosen that hold, and if not, what does?",
        "Dans la ville 100 % plateforme, une seule entreprise, OmniCorp, gère une carte, des VTC et la "
        "livraison de repas, et met en commun les données des trois : ce qu'apprend sa carte rend ses "
        "courses et ses livraisons plus pratiques, et inversement. Quelle prise a-t-elle sur la ville ? Une "
        "régulation qui l'oblige à partager ses données desserre-t-elle cette prise et, sinon, qu'est-ce "
        "qui la desserre ?",
    ),
    "lesson.integrated.steps": (
        "City A leaves OmniCorp alone. From week 52, City B regulates the platforms as in the platform "
        "city: commissions capped at 20%, a minimum pay of EUR 12 per logged-in hour and a duty to share "
        "half the data they capture, with a fine of EUR 0.5 per resident a week for a platform caught "
        "defying a rule.\n"
        "Open “More about the city” below the charts: find OmniMaps, OmniRide and OmniEats among the "
        "radars, and the mapping and mobility rows of the sector readings.\n"
        "Press “+1 year” three times, to week 156. Which charts moved apart, and which did not?\n"
        "In City B's levers, tick “Data partnership (address commons)”, move its slider (the service "
        "OpenStreetMap gains by pooling its data into a shared map) to 1.0 and run three years again, "
        "watching the mapping and mobility rows.",
        "La ville A laisse faire OmniCorp. Dès la semaine 52, la ville B régule les plateformes comme "
        "dans la ville des plateformes : commissions plafonnées à 20 %, rémunération minimale de 12 EUR "
        "par heure connectée et obligation de partager la moitié des données captées, avec une amende de "
        "0,5 EUR par habitant et par semaine pour une plateforme prise à braver une règle.\n"
        "Ouvrez « En savoir plus sur la ville » sous les graphiques : repérez OmniMaps, OmniRide et "
        "OmniEats parmi les radars, et les lignes de la cartographie et de la mobilité dans la lecture "
        "des secteurs.\n"
        "Appuyez trois fois sur « +1 an », jusqu'à la semaine 156. Quels graphiques se sont écartés, et "
        "lesquels non ?\n"
        "Dans les leviers de la ville B, cochez « Partenariat de données (base adresse) », portez son "
        "curseur (le service que gagne OpenStreetMap en versant ses données dans une carte partagée) à "
        "1,0 et relancez trois ans, en suivant les lignes de la cartographie et de la mobilité.",
    ),
    "lesson.integrated.watch": (
        "The platforms' value share, the value of residents' data the platforms keep, and the number of "
        "sectors read as a risk; under the charts, OmniCorp's three radars (their data capture is the "
        "whole group's) and the readings of mapping and mobility.",
        "La part de valeur captée par les plateformes, la valeur des données des habitants que gardent "
        "les plateformes, et le nombre de secteurs lus comme un risque ; sous les graphiques, les trois "
        "radars d'OmniCorp (leur captation de données est celle de tout le groupe) et la lecture de la "
        "cartographie et de la mobilité.",
    ),
    "lesson.integrated.reveal": (
        "Until week 52 the two cities are exactly the same. In both, everyone who hails a ride uses "
        "OmniRide, which has no rival, and the authority reads mobility as a risk. The map is a race: "
        "OmniMaps and OpenStreetMap start even, each new user makes a map more useful to the next (word "
        "of mouth, and OmniCorp's data from its rides), and whichever gets ahead in the first weeks keeps "
        "it. On some seeds OmniMaps ends with nine map users in ten or more and mapping reads as a risk; "
        "on others OpenStreetMap ends with eight in ten or more. In delivery OmniEats faces the "
        "bike-courier cooperative, and on some seeds, in either city, it runs out of capital and leaves. "
        "From week 52, OmniRide defies City B's commission cap on every seed, and OmniEats on some: "
        "keeping their commission earns them more than the fine they expect. Sharing data costs them less "
        "than that, so no platform defies the data-sharing duty: the value of residents' data the "
        "platforms keep falls, and the platforms' profit falls. Yet OmniRide keeps every ride, mobility "
        "still reads as a risk on most seeds, the number of risk sectors does not change meaningfully, "
        "and trust does not change meaningfully either. Sharing data takes some of a company's data "
        "away; it does not give residents another service to choose. With a shared map strong enough "
        "(the partnership's slider at 1.0), OpenStreetMap, where OmniMaps was ahead, pools its data as "
        "soon as the shared map is offered, and eight map users in ten or more end up on it on every "
        "seed: mapping reads as tension or opportunity, the platforms keep less of residents' data, and "
        "trust rises. But mobility, where OmniRide has no rival, still reads as a risk on most seeds. A "
        "company's hold on a sector loosens where residents have something else to use.",
        "Jusqu'à la semaine 52, les deux villes sont exactement les mêmes. Dans les deux, tous ceux qui "
        "commandent une course utilisent OmniRide, qui n'a pas de concurrent, et la collectivité lit la "
        "mobilité comme un risque. La carte est une course : OmniMaps et OpenStreetMap partent à égalité, "
        "chaque nouvel utilisateur rend une carte plus utile au suivant (le bouche-à-oreille, et les "
        "données qu'OmniCorp tire de ses courses), et celle qui prend l'avance dans les premières "
        "semaines la garde. Sur certaines graines OmniMaps finit avec neuf utilisateurs de carte sur dix "
        "ou plus et la cartographie est lue comme un risque ; sur d'autres OpenStreetMap finit avec huit "
        "sur dix ou plus. Dans la livraison, OmniEats fait face à la coopérative de livreurs à vélo et, "
        "sur certaines graines, dans l'une ou l'autre ville, elle épuise son capital et s'en va. Dès la "
        "semaine 52, OmniRide brave le plafond de commission de la ville B sur chaque graine, et OmniEats "
        "sur certaines : garder leur commission leur rapporte plus que l'amende qu'elles attendent. "
        "Partager leurs données leur coûte moins que cela : aucune plateforme ne brave l'obligation de "
        "partage, la valeur des données des habitants que gardent les plateformes baisse, et le profit "
        "des plateformes aussi. Pourtant OmniRide garde toutes les courses, la mobilité reste lue comme "
        "un risque sur la plupart des graines, le nombre de secteurs à risque ne change pas de façon "
        "notable, et la confiance non plus. Partager des données retire à une entreprise une partie de "
        "ses données ; cela ne donne pas aux habitants un autre service à choisir. Avec une carte "
        "partagée assez forte (le curseur du partenariat à 1,0), OpenStreetMap, là où OmniMaps avait "
        "pris l'avance, y verse ses données dès qu'elle est offerte, et huit utilisateurs de carte sur "
        "dix ou plus finissent par l'utiliser sur chaque graine : la cartographie est lue comme une "
        "tension ou une opportunité, les plateformes gardent moins de données des habitants, et la "
        "confiance monte. Mais la mobilité, où OmniRide n'a pas de concurrent, reste lue comme un risque "
        "sur la plupart des graines. La prise d'une entreprise sur un secteur se desserre là où les "
        "habitants ont autre chose à utiliser.",
    ),
}
