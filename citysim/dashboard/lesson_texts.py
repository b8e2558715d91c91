"""The lessons' words, in English and French: part of the translation table (`texts.TEXTS`).

For each lesson (`lessons.LESSONS`): a title and one text per step (``lesson.<key>.<n>``, from 1), short
enough to fit the lesson's card without scrolling at 1280x720 (the browser tests check it). Every
statement of an answer is one of its step's claims, checked by `tests/test_lessons.py`, and cites only
what the step's screen shows (its charts, their readouts, what the log says); change a claim and its
sentence together. Numbers the model produces are said as the claims bound them ("fewer than one in
eight"), never as one run's figure.
"""

from __future__ import annotations

LESSON_TEXTS: dict[str, tuple[str, str]] = {
    "lesson.intro": (
        "Each lesson loads two cities on the same seeds: City A and City B differ only in what the authority "
        "does. It goes one step at a time: a question, your prediction, a run with the control it needs "
        "highlighted, the answer, and a question to discuss.",
        "Chaque leçon charge deux villes sur les mêmes graines : la ville A et la ville B ne diffèrent que par "
        "ce que fait la collectivité. Elle avance pas à pas : une question, votre prédiction, une simulation "
        "avec la commande utile en surbrillance, la réponse, et une question à débattre.",
    ),
    "lesson.load": ("Load this lesson", "Charger cette leçon"),
    "lesson.loads": ("Loads {context}; City A: {a}; City B: {b}. {steps} steps.",
                     "Charge {context} ; ville A : {a} ; ville B : {b}. {steps} étapes."),
    "lesson.step_of": ("step {n} of {total}: {part}", "étape {n} sur {total} : {part}"),
    "lesson.part.question": ("the question", "la question"),
    "lesson.part.predict": ("your prediction", "votre prédiction"),
    "lesson.part.run": ("run", "simulation"),
    "lesson.part.reveal": ("the answer", "la réponse"),
    "lesson.part.discuss": ("to discuss", "à débattre"),
    "lesson.back": ("Back", "Retour"),
    "lesson.next": ("Next", "Suivant"),
    "lesson.finish": ("Finish", "Terminer"),
    "lesson.do_it": ("Do it for me", "Le faire pour moi"),
    "lesson.close": ("Close", "Fermer"),
    "lesson.at_week": ("about week {step} (the cities: week {week})",
                       "à propos de la semaine {step} (les villes : semaine {week})"),
    "lesson.no_prediction": ("no prediction", "aucune prédiction"),
    "lesson.predicted": ("You predicted {said}; the readout says {verdict}.",
                         "Prédit : {said} ; le relevé : {verdict}."),
    "lesson.predicted_wait": ("You predicted: {said}. Run to week {week} to compare with the readout.",
                              "Votre prédiction : {said}. Allez jusqu'à la semaine {week} pour la comparer au "
                              "relevé."),
    "lesson.logged": ("Week {week}, {city}: {text}", "Semaine {week}, {city} : {text}"),
    "predict.higher": ("higher in City B", "plus haut dans la ville B"),
    "predict.none": ("no real difference", "pas de vraie différence"),
    "predict.lower": ("lower in City B", "plus bas dans la ville B"),
    # 1. the burn-out cascade
    "lesson.burnout.title": ("The burn-out cascade, and caring for contributors",
                             "La cascade du burn-out, et le soin des contributeurs"),
    "lesson.burnout.1": (
        "Public services ask every resident for 0.20 h of volunteering a week, twice the calm city's ask, in "
        "both cities. City B also cares for its contributors from week 0: at most 3 h a week per volunteer, "
        "thanks, requests spread evenly. What happens to the volunteers, and to the services that count on them?",
        "Les services publics demandent à chaque habitant 0,20 h de bénévolat par semaine, deux fois plus que "
        "la ville calme, dans les deux villes. La ville B prend aussi soin de ses contributeurs dès la semaine "
        "0 : au plus 3 h par semaine et par bénévole, des remerciements, des demandes mieux réparties. Que "
        "deviennent les bénévoles, et les services qui comptent sur eux ?",
    ),
    "lesson.burnout.2": (
        "Predict before you run: in the third year, will City B's services get more of the hours they ask "
        "than City A's, about as many, or fewer? The readout under “Contribution coverage” will tell.",
        "Prédisez avant de lancer : la troisième année, les services de la ville B obtiendront-ils plus des "
        "heures qu'ils demandent que ceux de la ville A, à peu près autant, ou moins ? Le relevé sous "
        "« Couverture de la contribution » le dira.",
    ),
    "lesson.burnout.3": (
        "Press “+1 year” (highlighted). Do the two cities differ yet? Which chart moves first?",
        "Appuyez sur « +1 an » (en surbrillance). Les deux villes diffèrent-elles déjà ? Quel graphique bouge "
        "en premier ?",
    ),
    "lesson.burnout.4": (
        "In the first year City A's volunteers are asked more than their week leaves for it: they decline "
        "about a tenth of what they are asked, and more of them burn out than in City B (the readouts: B "
        "lower). But the services ask the declined hours again, first of the decliners' neighbours, so "
        "coverage does not differ meaningfully yet.",
        "La première année, on demande aux bénévoles de la ville A plus que ce que leur semaine leur laisse : "
        "ils déclinent environ un dixième de ce qu'on leur demande, et ils sont plus nombreux à faire un "
        "burn-out que dans la ville B (relevés : B plus bas). Mais les services redemandent les heures "
        "déclinées, d'abord aux voisins, et la couverture ne diffère pas encore de façon notable.",
    ),
    "lesson.burnout.5": (
        "Press “+1 year” twice more, to week 156. When does City A's coverage fall? On every seed, and at the "
        "same time? (The shaded band spans the seeds.)",
        "Appuyez encore deux fois sur « +1 an », jusqu'à la semaine 156. Quand la couverture de la ville A "
        "baisse-t-elle ? Sur chaque graine, et au même moment ? (La zone ombrée couvre les graines.)",
    ),
    "lesson.burnout.6": (
        "Those who give beyond their capacity tire and burn out for six months; some neighbours give up. "
        "Then, on most seeds, City A's coverage collapses within a few months: its services get little more "
        "than half of the hours they ask, and more than half is declined. Burn-out climbs to a quarter of the "
        "contributors or more, then falls back to half of that: contributors now decline instead.",
        "Ceux qui donnent au-delà de leur capacité se fatiguent et font un burn-out de six mois ; des voisins "
        "renoncent. Puis, sur la plupart des graines, la couverture de la ville A s'effondre en quelques mois : "
        "ses services obtiennent à peine plus de la moitié des heures demandées, et plus de la moitié est "
        "déclinée. Le burn-out monte à un quart des contributeurs ou plus, puis retombe à la moitié : ils "
        "déclinent désormais.",
    ),
    "lesson.burnout.7": (
        "City B asks for the same total, but nobody is asked more than 3 h a week, thanks slow fatigue and "
        "requests are spread out: its contributors decline almost nothing, coverage stays full and burn-out "
        "stays at its background level of a few percent. The readouts: coverage B higher; declined share and "
        "burn-out B lower.",
        "La ville B demande le même total, mais personne ne se voit demander plus de 3 h par semaine, les "
        "remerciements ralentissent la fatigue et les demandes sont réparties : ses contributeurs ne déclinent "
        "presque rien, la couverture reste complète et le burn-out reste à son niveau de fond de quelques pour "
        "cent. Relevés : couverture B plus haut ; part refusée et burn-out B plus bas.",
    ),
    "lesson.burnout.8": (
        "The charts now show trust and active contributors. City A ends with fewer active contributors and "
        "lower trust in the authority: unmet requests and unserved hours cost it trust (the readouts: B "
        "higher on both).",
        "Les graphiques montrent maintenant la confiance et les contributeurs actifs. La ville A finit avec "
        "moins de contributeurs actifs et moins de confiance envers la collectivité : les demandes non "
        "satisfaites et les heures non assurées lui coûtent de la confiance (relevés : B plus haut pour les "
        "deux).",
    ),
    "lesson.burnout.9": (
        "Move “Volunteer hours asked” (highlighted) to 0.10 h, the calm city's value, or press “Do it for "
        "me”. Both cities start again from week 0: press “+1 year” three times, to week 156.",
        "Réglez « Heures de bénévolat demandées » (en surbrillance) sur 0,10 h, la valeur de la ville calme, "
        "ou appuyez sur « Le faire pour moi ». Les deux villes repartent de la semaine 0 : appuyez trois fois "
        "sur « +1 an », jusqu'à la semaine 156.",
    ),
    "lesson.burnout.10": (
        "At 0.10 h a week the cascade does not start, even in City A: coverage holds and burn-out stays at its "
        "background level. The two cities no longer differ meaningfully: with so little asked, care has "
        "nothing to prevent.",
        "À 0,10 h par semaine, la cascade ne démarre pas, même dans la ville A : la couverture tient et le "
        "burn-out reste à son niveau de fond. Les deux villes ne diffèrent plus de façon notable : quand on "
        "demande si peu, le soin n'a rien à empêcher.",
    ),
    "lesson.burnout.11": (
        "Somewhere between 0.10 and 0.20 h a week lies a tipping point. How would a city know it is getting "
        "close? Is caring for volunteers a cost, or what keeps the services running?",
        "Quelque part entre 0,10 et 0,20 h par semaine se trouve un point de bascule. Comment une ville "
        "saurait-elle qu'elle s'en approche ? Prendre soin des bénévoles est-il un coût, ou ce qui fait tourner "
        "les services ?",
    ),
    # 2. the platform city
    "lesson.platforms.title": ("The platform city, and regulating it", "La ville des plateformes, et sa régulation"),
    "lesson.platforms.1": (
        "Commercial platforms take a large cut of every delivery and ride and keep most of the data residents "
        "leave; they learn their price and commission from their profits. From week 52 City B caps their "
        "commissions at 20%, sets a minimum pay of EUR 12 per logged-in hour and makes them share half their "
        "data. It pays inspectors EUR 0.02 per resident a week, who catch a defied rule about one week in "
        "fifteen, and fines a platform caught EUR 5 for each use it sold that week. What changes?",
        "Les plateformes commerciales prennent une large part de chaque livraison et de chaque course et "
        "gardent l'essentiel des données des habitants ; elles ajustent prix et commission d'après leurs "
        "profits. Dès la semaine 52, la ville B plafonne leurs commissions à 20 %, fixe une rémunération "
        "minimale de 12 EUR par heure connectée et les oblige à partager la moitié de leurs données, avec une "
        "contrôle : elle paie des contrôleurs 0,02 EUR par habitant et par semaine, qui prennent une règle "
        "bravée environ une semaine sur quinze, et met à l'amende une plateforme prise de 5 EUR par usage vendu "
        "cette semaine-là. Qu'est-ce qui change ?",
    ),
    "lesson.platforms.2": (
        "Predict before you run: in the third year, will gig workers earn more per hour in City B than in "
        "City A, about the same, or less? The readout under “Gig workers' net pay” will tell.",
        "Prédisez avant de lancer : la troisième année, les travailleurs des plateformes gagneront-ils plus "
        "par heure dans la ville B que dans la ville A, à peu près autant, ou moins ? Le relevé sous « Revenu "
        "net des travailleurs des plateformes » le dira.",
    ),
    "lesson.platforms.3": (
        "Press “+1 year” (highlighted): are the two cities any different yet?",
        "Appuyez sur « +1 an » (en surbrillance) : les deux villes diffèrent-elles déjà ?",
    ),
    "lesson.platforms.4": (
        "Until week 52 the two cities are exactly the same: same residents, same seeds, nothing done "
        "differently yet. Every readout says “identical”, and City A's line hides City B's.",
        "Jusqu'à la semaine 52, les deux villes sont exactement les mêmes : mêmes habitants, mêmes graines, "
        "rien de fait autrement. Chaque relevé indique « identiques », et la courbe de la ville A cache celle "
        "de la ville B.",
    ),
    "lesson.platforms.5": (
        "Press “+1 year” twice more, to week 156. Which charts moved apart? Read what happened in City B in "
        "the list under the charts.",
        "Appuyez encore deux fois sur « +1 an », jusqu'à la semaine 156. Quels graphiques se sont écartés ? "
        "Lisez ce qui s'est passé dans la ville B dans la liste sous les graphiques.",
    ),
    "lesson.platforms.6": (
        "A platform defies a rule when what it gains by ignoring it is more than the fine it expects: the fine "
        "times the chance of being caught, learned from who was caught before. With so few inspectors, "
        "RideNow defies the commission cap on every seed, QuickEats on most (below, from the log). Sharing "
        "data costs them less: nobody defies it, and the platforms keep less of residents' data "
        "(B lower).",
        "Une plateforme brave une règle quand ce qu'elle gagne à l'ignorer dépasse l'amende qu'elle attend : "
        "l'amende fois la probabilité d'être prise, apprise de qui l'a été avant elle. Avec si peu de "
        "contrôleurs, RideNow brave le plafond de commission sur chaque graine, QuickEats sur la plupart "
        "(ci-dessous, d'après le journal). Partager les données leur coûte moins : personne ne s'y "
        "refuse, et elles gardent moins de données (B plus bas).",
    ),
    "lesson.platforms.7": (
        "The platforms take about a third of the value in City A, less in City B (B lower): they keep less "
        "data to sell, and when the city catches a platform defying the cap it fines it, and the fine is paid "
        "into the city's budget half a year later. Gig workers' net pay is not clearly higher in City B "
        "(unclear): the platforms that defy the cap keep their commission, and the fines go to the city, not "
        "to the workers.",
        "Les plateformes captent environ un tiers de la valeur dans la ville A, moins dans la ville B (B plus "
        "bas) : elles gardent moins de données à vendre, et quand la ville prend une plateforme à enfreindre le "
        "plafond, elle lui inflige une amende, versée à son budget six mois plus tard. Le revenu net des "
        "travailleurs des plateformes n'est pas clairement plus élevé dans la ville B (incertain) : les "
        "plateformes qui bravent le plafond gardent leur commission, et les amendes vont à la ville, pas aux "
        "travailleurs.",
    ),
    "lesson.platforms.8": (
        "In City B's levers, move the regulation's inspection (highlighted) to EUR 0.5 per resident a week, "
        "enough to catch a defied rule four weeks in five, or press “Do it for me”. The cities start again: "
        "press “+1 year” three times, to week 156.",
        "Dans les leviers de la ville B, portez le contrôle de la régulation (en surbrillance) à 0,5 EUR par "
        "habitant et par semaine, de quoi prendre une règle bravée quatre semaines sur cinq, ou appuyez sur « Le "
        "faire pour moi ». Les villes repartent : appuyez trois fois sur « +1 an », jusqu'à la semaine 156.",
    ),
    "lesson.platforms.9": (
        "With inspectors who would catch them, no platform defies any rule: the cap binds. The platforms' "
        "share of the value "
        "falls below a quarter in City B (B lower), the pay floor raises gig workers' net hourly pay (B "
        "higher) and the platforms keep less of residents' data (B lower).",
        "Avec des contrôleurs qui les prendraient, aucune plateforme ne brave plus aucune règle : le plafond "
        "s'applique. La "
        "part de la valeur captée par les plateformes tombe sous le quart dans la ville B (B plus bas), le "
        "revenu minimal fait monter le revenu net horaire des travailleurs (B plus haut) et les plateformes "
        "gardent moins de données des habitants (B plus bas).",
    ),
    "lesson.platforms.10": (
        "A regulation is only as strong as what defying it costs. Inspectors cost the city money, fines bring "
        "some back: which would you raise first? Besides both, what could make a platform comply? (In the "
        "model, a detection holds only as far as the authority is legitimate.)",
        "Une régulation ne vaut que ce que coûte le fait de la braver. Les contrôleurs coûtent à la ville, les "
        "amendes lui rapportent : lequel augmenteriez-vous d'abord ? Outre les deux, qu'est-ce qui pourrait "
        "faire obéir une plateforme ? (Dans le modèle, un contrôle ne tient que si la collectivité est "
        "légitime.)",
    ),
    # 3. the agora and the courier cooperative
    "lesson.agora.title": ("The innovation agora and the courier cooperative",
                           "L'agora de l'innovation et la coopérative de livreurs"),
    "lesson.agora.1": (
        "The seed tells that a debate connecting the citizen and the consumer ends in support for a "
        "bike-courier cooperative. From week 52 City B holds a local debate every four weeks, where couriers "
        "and cooperative members tell what they lived; from week 104 it also funds the cooperative and buys "
        "deliveries from it. Do debates change what residents think?",
        "La source raconte qu'un débat qui connecte le citoyen et le consommateur aboutit au soutien d'une "
        "coopérative de livreurs à vélo. Dès la semaine 52, la ville B tient un débat local toutes les quatre "
        "semaines, où livreurs et coopérateurs racontent ce qu'ils ont vécu ; dès la semaine 104, elle "
        "subventionne aussi la coopérative et lui achète des livraisons. Les débats changent-ils ce que "
        "pensent les habitants ?",
    ),
    "lesson.agora.2": (
        "Predict before you run: by week 104, will City B's residents lean more towards the citizen pole than "
        "City A's, about as much, or less? The readout under “Citizen orientation” will tell.",
        "Prédisez avant de lancer : à la semaine 104, les habitants de la ville B pencheront-ils plus vers le "
        "pôle citoyen que ceux de la ville A, à peu près autant, ou moins ? Le relevé sous « Orientation "
        "citoyenne » le dira.",
    ),
    "lesson.agora.3": (
        "Press “+1 year” (highlighted) twice, to week 104.",
        "Appuyez deux fois sur « +1 an » (en surbrillance), jusqu'à la semaine 104.",
    ),
    "lesson.agora.4": (
        "Until week 52 the two cities are exactly the same. Then residents give the debates time: civic hours "
        "are higher in City B. But citizen orientation does not change meaningfully: those whose views are "
        "close move towards each other, and nothing pushes them towards the citizen pole. Nor does the "
        "cooperative's share differ meaningfully.",
        "Jusqu'à la semaine 52, les deux villes sont exactement les mêmes. Puis les habitants consacrent du "
        "temps aux débats : les heures citoyennes sont plus hautes dans la ville B. Mais l'orientation "
        "citoyenne ne change pas de façon notable : ceux dont les avis sont proches se rapprochent, et rien "
        "ne les pousse vers le pôle citoyen. La part de la coopérative non plus ne diffère pas de façon notable.",
    ),
    "lesson.agora.5": (
        "Press “+1 year” once more, to week 156: City B now also supports the cooperative. Watch its share.",
        "Appuyez encore une fois sur « +1 an », jusqu'à la semaine 156 : la ville B soutient maintenant aussi "
        "la coopérative. Observez sa part.",
    ),
    "lesson.agora.6": (
        "Orientation still does not change meaningfully; civic hours stay higher. Nor does the cooperative's "
        "share differ meaningfully: its fate is decided elsewhere, and on most seeds it already serves more "
        "than a third of the uses in both cities. Couriers prefer to ride for it, and residents turn away "
        "from its rival QuickEats when it cannot deliver; on some seeds QuickEats runs out of capital and "
        "leaves.",
        "L'orientation ne change toujours pas de façon notable ; les heures citoyennes restent plus hautes. La "
        "part de la coopérative non plus ne diffère pas de façon notable : son sort se joue ailleurs, et sur "
        "la plupart des graines elle sert déjà plus d'un tiers des usages dans les deux villes. Les livreurs "
        "préfèrent rouler pour elle, et les habitants se détournent de sa concurrente QuickEats quand elle "
        "ne peut pas livrer ; sur "
        "certaines graines, QuickEats épuise son capital et s'en va.",
    ),
    "lesson.agora.7": (
        "Trust in the authority does not change meaningfully either: testimony alone, in a calm city where "
        "few have hard stories to tell, moves little. Why might a real debate move more?",
        "La confiance envers la collectivité ne change pas non plus de façon notable : des témoignages seuls, "
        "dans une ville calme où peu ont des histoires dures à raconter, bougent peu de choses. Pourquoi un "
        "vrai débat pourrait-il faire bouger davantage ?",
    ),
    "lesson.agora.8": (
        "In City B's levers, untick “Innovation agora” (highlighted), or press “Do it for me”, and run three "
        "years again: what does the city's support do on its own?",
        "Dans les leviers de la ville B, décochez « Agora de l'innovation » (en surbrillance), ou appuyez sur "
        "« Le faire pour moi », et relancez trois ans : que fait le soutien de la ville à lui seul ?",
    ),
    "lesson.agora.9": (
        "Without the debates, civic hours and orientation do not differ meaningfully between the cities, nor "
        "does the cooperative's share: where it already leads, the city's grant and purchases alone change "
        "little.",
        "Sans les débats, les heures citoyennes et l'orientation ne diffèrent pas de façon notable entre les "
        "villes, ni la part de la coopérative : là où elle mène déjà, la subvention et les achats de la ville "
        "changent peu de choses à eux seuls.",
    ),
    "lesson.agora.10": (
        "Here the market and chance weigh more than the city's words or money. What would a debate need to "
        "change minds? What would the cooperative need to last?",
        "Ici, le marché et le hasard pèsent plus que les paroles ou l'argent de la ville. De quoi un débat "
        "aurait-il besoin pour faire changer d'avis ? Et la coopérative, pour durer ?",
    ),
    # 4. the address commons
    "lesson.commons.title": ("The address commons", "La base adresse commune"),
    "lesson.commons.1": (
        "A global platform, GlobalMaps, builds its own map of the city and keeps its users' data: where it "
        "becomes everyone's map, the authority reads mapping as a risk. In 2015 France's Base Adresse "
        "Nationale pooled one address base between public bodies, La Poste and OpenStreetMap. From week 52 "
        "City B offers such a shared base. What does it change, and how strong must it be?",
        "Une plateforme mondiale, GlobalMaps, construit sa propre carte de la ville et garde les données de "
        "ses utilisateurs : là où elle devient la carte de tous, la collectivité lit la cartographie comme un "
        "risque. En 2015, la Base Adresse Nationale a mis en commun une base d'adresses entre acteurs publics, "
        "La Poste et OpenStreetMap. Dès la semaine 52, la ville B offre une telle base partagée. Que "
        "change-t-elle, et quelle force lui faut-il ?",
    ),
    "lesson.commons.2": (
        "Predict before you run: in the third year, will fewer sectors read as a risk in City B than in City "
        "A, about as many, or more? The readout under “Sectors read as risk” will tell.",
        "Prédisez avant de lancer : la troisième année, y aura-t-il moins de secteurs lus comme un risque dans "
        "la ville B que dans la ville A, à peu près autant, ou plus ? Le relevé sous « Secteurs lus comme "
        "risque » le dira.",
    ),
    "lesson.commons.3": (
        "Press “+1 year” (highlighted), to week 52. Who uses GlobalMaps, and how does the authority read "
        "mapping?",
        "Appuyez sur « +1 an » (en surbrillance), jusqu'à la semaine 52. Qui utilise GlobalMaps, et comment la "
        "collectivité lit-elle la cartographie ?",
    ),
    "lesson.commons.4": (
        "Residents use the map their neighbours use, and GlobalMaps' map is handier: by the second half of "
        "the year nine residents in ten or more who use a map use it, and the authority reads mapping as a "
        "risk (hatched in the readings). Until week 52 the two cities are the same.",
        "Les habitants utilisent la carte de leurs voisins, et celle de GlobalMaps est plus pratique : au "
        "second semestre, neuf habitants sur dix ou plus parmi ceux qui utilisent une carte l'utilisent, et la "
        "collectivité lit la cartographie comme un risque (hachuré dans les lectures). Jusqu'à la semaine 52, "
        "les deux villes sont les mêmes.",
    ),
    "lesson.commons.5": (
        "Press “+1 year” twice more, to week 156. The first chart now shows OpenStreetMap's users.",
        "Appuyez encore deux fois sur « +1 an », jusqu'à la semaine 156. Le premier graphique montre "
        "maintenant les usagers d'OpenStreetMap.",
    ),
    "lesson.commons.6": (
        "OpenStreetMap, an incumbent under pressure, takes up City B's offer as soon as it is made and pools "
        "its data. At the partnership's strength of 0.5 that is not enough: about twice as many residents use "
        "it as in City A, yet fewer than one in eight; mapping still reads as a risk in both cities, and the "
        "data platforms keep does not change meaningfully.",
        "OpenStreetMap, acteur en place sous pression, accepte l'offre de la ville B dès qu'elle est faite et "
        "y verse ses données. Avec un partenariat de force 0,5, cela ne suffit pas : environ deux fois plus "
        "d'habitants l'utilisent que dans la ville A, mais moins d'un sur huit ; la cartographie reste lue "
        "comme un risque dans les deux villes, et les données gardées par les plateformes ne changent pas de "
        "façon notable.",
    ),
    "lesson.commons.7": (
        "Neither the number of sectors read as a risk nor trust changes meaningfully: a commons that few use "
        "does not change the city.",
        "Ni le nombre de secteurs lus comme un risque ni la confiance ne changent de façon notable : un commun "
        "que peu utilisent ne change pas la ville.",
    ),
    "lesson.commons.8": (
        "In City B's levers, move the data partnership's slider (highlighted: the service OpenStreetMap gains "
        "by pooling) from 0.5 to 1.0, or press “Do it for me”, and run three years again.",
        "Dans les leviers de la ville B, portez le curseur du partenariat de données (en surbrillance : le "
        "service que gagne OpenStreetMap en mettant en commun) de 0,5 à 1,0, ou appuyez sur « Le faire pour "
        "moi », et relancez trois ans.",
    ),
    "lesson.commons.9": (
        "At a strength of 1.0 the pooled service beats the global map: residents switch, neighbour after "
        "neighbour. Mapping reads as a tension in the second year and as an opportunity in the third, when "
        "nine residents in ten or more use OpenStreetMap; fewer sectors read as a risk (B lower).",
        "Avec une force de 1,0, le service mis en commun l'emporte sur la carte mondiale : les habitants "
        "basculent, de voisin en voisin. La cartographie est lue comme une tension la deuxième année et comme "
        "une opportunité la troisième, quand neuf habitants sur dix ou plus utilisent OpenStreetMap ; moins "
        "de secteurs sont lus comme un risque (B plus bas).",
    ),
    "lesson.commons.10": (
        "Then the platforms keep less of residents' data (B lower), residents lean more to the citizen pole "
        "and trust rises (B higher on both).",
        "Alors les plateformes gardent moins de données des habitants (B plus bas), les habitants se tournent "
        "davantage vers le pôle citoyen et la confiance monte (B plus haut pour les deux).",
    ),
    "lesson.commons.11": (
        "A commons must be good enough to win users before it changes the city. What makes a shared service "
        "good enough, and who should pay for it?",
        "Un commun doit être assez bon pour gagner des utilisateurs avant de changer la ville. Qu'est-ce qui "
        "rend un service partagé assez bon, et qui devrait le payer ?",
    ),
    # 5. the grand objective and participatory innovation
    "lesson.objective.title": ("A grand objective and participatory innovation",
                               "Un grand objectif et l'innovation participative"),
    "lesson.objective.1": (
        "The city announces “zero waste in 2040” and, once a year, lets residents vote on local innovators' "
        "projects, like a participatory budget. City B states its objective in week 26 and holds its first "
        "vote in week 52. Who votes? What changes?",
        "La ville annonce « zéro déchet en 2040 » et, une fois par an, fait voter les habitants sur des projets "
        "d'innovateurs locaux, comme un budget participatif. La ville B énonce son objectif la semaine 26 et "
        "organise son premier vote la semaine 52. Qui vote ? Qu'est-ce qui change ?",
    ),
    "lesson.objective.2": (
        "Predict before you run: in the third year, will residents trust the authority more in City B than "
        "in City A, about as much, or less? The readout under “Trust in the authority” will tell.",
        "Prédisez avant de lancer : la troisième année, les habitants feront-ils plus confiance à la "
        "collectivité dans la ville B que dans la ville A, à peu près autant, ou moins ? Le relevé sous "
        "« Confiance envers la collectivité » le dira.",
    ),
    "lesson.objective.3": (
        "Press “+1 year” (highlighted) twice, to week 104: City B has held its first vote.",
        "Appuyez deux fois sur « +1 an » (en surbrillance), jusqu'à la semaine 104 : la ville B a tenu son "
        "premier vote.",
    ),
    "lesson.objective.4": (
        "Between one resident in twenty and one in eight votes (at Paris's participatory budget, 4 to 7%): "
        "voting takes time and citizen engagement, and residents who trust the authority vote more. From week "
        "26, before any vote, the objective's signal aligns the large platforms with public goals: fewer "
        "sectors read as a risk and trust is higher in City B, and so it stays (the readouts).",
        "Entre un habitant sur vingt et un sur huit vote (au budget participatif de Paris, 4 à 7 %) : voter "
        "demande du temps et un engagement citoyen, et les habitants qui font confiance à la collectivité "
        "votent davantage. Dès la semaine 26, avant tout vote, le signal de l'objectif aligne les grandes "
        "plateformes sur les objectifs publics : moins de secteurs sont lus comme un risque et la confiance est "
        "plus haute dans la ville B, et cela dure (les relevés).",
    ),
    "lesson.objective.5": (
        "Press “+1 year” once more, to week 156. The first chart now shows the objective's progress.",
        "Appuyez encore une fois sur « +1 an », jusqu'à la semaine 156. Le premier graphique montre maintenant "
        "le progrès vers l'objectif.",
    ),
    "lesson.objective.6": (
        "Funded projects advance the objective, recognise contributors or improve the courier cooperative's "
        "service; which ones win differs from seed to seed, but the objective advances in City B (B higher), "
        "fewer sectors read as a risk and trust stays higher to the end.",
        "Les projets financés font avancer l'objectif, reconnaissent les contributeurs ou améliorent le "
        "service de la coopérative de livreurs ; ceux qui gagnent changent d'une graine à l'autre, mais "
        "l'objectif avance dans la ville B (B plus haut), moins de secteurs sont lus comme un risque et la "
        "confiance reste plus haute jusqu'à la fin.",
    ),
    "lesson.objective.7": (
        "Few residents vote, yet trust rises for all. Is a vote that one resident in ten joins a success? What "
        "would bring more residents to vote?",
        "Peu d'habitants votent, et pourtant la confiance monte pour tous. Un vote auquel un habitant sur dix "
        "participe est-il un succès ? Qu'est-ce qui ferait voter davantage d'habitants ?",
    ),
    # 6. the governed city
    "lesson.governed.title": ("The governed city: is the whole mix worth it?",
                              "La ville gouvernée : tout le bouquet en vaut-il la peine ?"),
    "lesson.governed.1": (
        "Both cities ask 0.20 h of volunteering a week and care for their contributors, which stops the "
        "burn-out cascade. City B adds the rest of the governed city's mix: innovation priorities, "
        "regulation, an agora, support for the cooperative, and a rule that opens a data partnership when "
        "mapping reads as a risk. Is the whole mix worth it?",
        "Les deux villes demandent 0,20 h de bénévolat par semaine et prennent soin de leurs contributeurs, "
        "ce qui arrête la cascade du burn-out. La ville B ajoute le reste du bouquet de la ville gouvernée : "
        "priorités d'innovation, régulation, agora, soutien à la coopérative, et une règle qui ouvre un "
        "partenariat de données quand la cartographie est lue comme un risque. Tout le bouquet en vaut-il la "
        "peine ?",
    ),
    "lesson.governed.2": (
        "Predict before you run: in the third year, will more sectors read as an opportunity in City B than in "
        "City A, about as many, or fewer? The readout under “Sectors read as opportunity” will tell.",
        "Prédisez avant de lancer : la troisième année, y aura-t-il plus de secteurs lus comme une opportunité "
        "dans la ville B que dans la ville A, à peu près autant, ou moins ? Le relevé sous « Secteurs lus comme "
        "opportunité » le dira.",
    ),
    "lesson.governed.3": (
        "Press “+1 year” (highlighted), to week 52. In the list of what happened, when does City B's adaptive "
        "rule act, and why?",
        "Appuyez sur « +1 an » (en surbrillance), jusqu'à la semaine 52. Dans la liste de ce qui s'est passé, "
        "quand la règle adaptative de la ville B agit-elle, et pourquoi ?",
    ),
    "lesson.governed.4": (
        "Once mapping has read as a risk for eight weeks, City B's adaptive rule opens a data partnership and "
        "OpenStreetMap pools its data (below, from the log). Burn-out does not differ meaningfully: care "
        "alone keeps it low in both cities. City B already spends more (B higher).",
        "Après huit semaines de cartographie lue comme un risque, la règle adaptative de la ville B ouvre un "
        "partenariat de données et OpenStreetMap y verse ses données (ci-dessous, d'après le journal). Le "
        "burn-out ne diffère pas de façon notable : le soin suffit dans les deux villes. La ville B dépense "
        "déjà plus (B plus haut).",
    ),
    "lesson.governed.5": (
        "Press “+1 year” twice more, to week 156.",
        "Appuyez encore deux fois sur « +1 an », jusqu'à la semaine 156.",
    ),
    "lesson.governed.6": (
        "Under the regulation's default enforcement RideNow defies its commission cap on some seeds (below); "
        "with the data-sharing duty and the other levers, the platforms take a smaller share of the value "
        "(B lower). The innovation priorities align their sectors' platforms with public goals: on most seeds "
        "more sectors read as an opportunity, but not on all, so the readout stays unclear.",
        "Sous le contrôle par défaut, RideNow brave son plafond de commission sur certaines graines "
        "(ci-dessous) ; avec les autres leviers, les plateformes captent une part plus faible de la valeur "
        "(B plus bas). Les priorités d'innovation alignent leurs plateformes sur les objectifs publics : plus "
        "de secteurs lus comme une opportunité sur la plupart des graines, pas sur toutes : lecture incertaine.",
    ),
    "lesson.governed.7": (
        "At the partnership's default strength, mapping still reads as a risk in City B. Mobility reads as an "
        "opportunity there, and on most seeds as a tension in City A. The platforms keep less of residents' "
        "data (B lower), but trust does not change meaningfully.",
        "À la force par défaut du partenariat, la cartographie reste lue comme un risque dans la ville B. La "
        "mobilité y est lue comme une opportunité et, sur la plupart des graines, comme une tension dans la "
        "ville A. Les plateformes gardent moins de données des habitants (B plus bas), mais la confiance ne "
        "change pas de façon notable.",
    ),
    "lesson.governed.8": (
        "Burn-out stays below a tenth of the contributors in both cities, with no meaningful difference, and "
        "citizen orientation does not change meaningfully either: the mix acts on the platforms, not on "
        "residents' minds. It costs: City B spends three times as much or more.",
        "Le burn-out reste sous un dixième des contributeurs dans les deux villes, sans différence notable, "
        "et l'orientation citoyenne ne change pas non plus de façon notable : le bouquet agit sur les "
        "plateformes, pas sur les esprits. Cela coûte : la ville B dépense trois fois plus ou davantage.",
    ),
    "lesson.governed.9": (
        "Is it worth it? City B spends several times as much for platforms that take less of the value. "
        "Which lever would you strengthen first, and which would you drop?",
        "Cela en vaut-il la peine ? La ville B dépense plusieurs fois plus pour des plateformes qui captent "
        "moins de valeur. Quel levier renforceriez-vous d'abord, et lequel abandonneriez-vous ?",
    ),
    # 7. the integrated platform city
    "lesson.integrated.title": ("The integrated platform city: one company, three services",
                                "La ville plateforme intégrée : une entreprise, trois services"),
    "lesson.integrated.1": (
        "In the 100% platform city one company, OmniCorp, runs a map, ride-hailing and food delivery, and "
        "pools the data of all three: what its map learns makes its rides and deliveries handier, and the "
        "other way round. From week 52 City B regulates it as in the platform city. Does a duty to share its "
        "data loosen its hold on the city?",
        "Dans la ville 100 % plateforme, une seule entreprise, OmniCorp, gère une carte, des VTC et la "
        "livraison de repas, et met en commun les données des trois : ce qu'apprend sa carte rend ses courses "
        "et ses livraisons plus pratiques, et inversement. Dès la semaine 52, la ville B la régule comme dans "
        "la ville des plateformes. Une obligation de partager ses données desserre-t-elle sa prise sur la "
        "ville ?",
    ),
    "lesson.integrated.2": (
        "Predict before you run: in the third year, with City B regulated, will fewer sectors read as a risk "
        "there than in City A, about as many, or more? The readout under “Sectors read as risk” will tell.",
        "Prédisez avant de lancer : la troisième année, la ville B étant régulée, y aura-t-il moins de "
        "secteurs lus comme un risque que dans la ville A, à peu près autant, ou plus ? Le relevé sous « "
        "Secteurs lus comme risque » le dira.",
    ),
    "lesson.integrated.3": (
        "Press “+1 year” (highlighted), to week 52. Who uses OmniCorp's map and rides, and how does the "
        "authority read mapping and mobility?",
        "Appuyez sur « +1 an » (en surbrillance), jusqu'à la semaine 52. Qui utilise la carte et les courses "
        "d'OmniCorp, et comment la collectivité lit-elle la cartographie et la mobilité ?",
    ),
    "lesson.integrated.4": (
        "Until week 52 the two cities are the same. Everyone who hails a ride uses OmniRide, which has no "
        "rival; its threat hovers at the risk threshold, so mobility reads as a risk on some seeds. The map "
        "is a race: on some seeds nine residents in ten or more use "
        "OmniMaps and mapping reads as a risk; on others fewer than one in six do, as OpenStreetMap won it "
        "(see the band).",
        "Jusqu'à la semaine 52, les deux villes sont les mêmes. Tous ceux qui commandent une course utilisent "
        "OmniRide, sans concurrent ; sa menace oscille autour du seuil de risque, si bien que la mobilité est "
        "lue comme un risque sur certaines graines. La carte est une course : sur "
        "certaines graines, neuf habitants sur dix ou plus utilisent OmniMaps et la cartographie est lue comme "
        "un risque ; sur d'autres, moins d'un sur six, car OpenStreetMap l'a emporté (voir la zone ombrée).",
    ),
    "lesson.integrated.5": (
        "Press “+1 year” twice more, to week 156: City B's regulation has then run for two years.",
        "Appuyez encore deux fois sur « +1 an », jusqu'à la semaine 156 : la régulation de la ville B aura "
        "alors deux ans.",
    ),
    "lesson.integrated.6": (
        "From week 52 OmniRide defies City B's commission cap on some seeds (below, from the log). OmniEats "
        "does not last: its couriers ride for the cooperative, residents leave a service that cannot "
        "deliver, and its capital runs out within a year. Nobody defies the data-sharing duty: the platforms "
        "keep less of residents' data (B lower).",
        "Dès la semaine 52, OmniRide brave le plafond de commission de la ville B sur certaines graines "
        "(ci-dessous, d'après le journal). OmniEats ne dure pas : ses livreurs roulent pour la "
        "coopérative, les habitants quittent un service qui ne livre pas, et son capital s'épuise en un an. "
        "Personne ne brave l'obligation de partage : les plateformes gardent moins de données (B plus bas).",
    ),
    "lesson.integrated.7": (
        "The platforms take a smaller share of the value in City B (B lower): MarketPlace obeys the cap on "
        "most seeds. The number of sectors read as a risk does not change meaningfully: the rules do not "
        "loosen OmniCorp's hold on the city.",
        "Les plateformes captent une part plus faible de la valeur dans la ville B (B plus bas) : MarketPlace "
        "respecte le plafond sur la plupart des graines. Le nombre de secteurs lus comme un risque ne change "
        "pas de façon notable : les règles ne desserrent pas la prise d'OmniCorp sur la ville.",
    ),
    "lesson.integrated.8": (
        "On some seeds OmniRide, caught defying the cap three times, loses City B's permit for half a year "
        "(see what happened); where it keeps it, it has every ride, and OmniMaps the map wherever it won it. "
        "Mobility reads as a risk on some seeds, mapping where OmniMaps holds it. Sharing data takes some of "
        "OmniCorp's data away; it does not give residents another service to choose.",
        "Sur certaines graines, OmniRide, prise trois fois à braver le plafond, perd pour six mois son "
        "autorisation dans la ville B (voir ce qui s'est passé) ; là où elle la garde, elle a toutes les "
        "courses, et OmniMaps la carte là où elle l'a gagnée. La mobilité est lue comme un risque sur certaines "
        "graines, la cartographie là où OmniMaps la tient. Partager des données retire à OmniCorp une partie "
        "des siennes ; cela ne donne pas aux habitants un autre service à choisir.",
    ),
    "lesson.integrated.9": (
        "In City B's levers, tick “Data partnership (address commons)” and move its slider to 1.0 (highlighted), "
        "or press “Do it for me”, and run three years again.",
        "Dans les leviers de la ville B, cochez « Partenariat de données (base adresse) » et portez son curseur "
        "à 1,0 (en surbrillance), ou appuyez sur « Le faire pour moi », et relancez trois ans.",
    ),
    "lesson.integrated.10": (
        "With a shared map strong enough, OpenStreetMap pools its data as soon as it is offered (on some "
        "seeds: see what happened), and in City B more than eight residents in ten end up using it: mapping "
        "reads as a tension or an opportunity. Fewer sectors read as a risk (B lower), though mobility still "
        "does on some seeds.",
        "Avec une carte partagée assez forte, OpenStreetMap y verse ses données dès qu'elle est offerte (sur "
        "certaines graines : voir ce qui s'est passé), et dans la ville B plus de huit habitants sur dix "
        "finissent par l'utiliser : la cartographie est lue comme une tension ou une opportunité. Moins de "
        "secteurs sont lus comme un risque (B plus bas), même si la mobilité l'est encore sur certaines graines.",
    ),
    "lesson.integrated.11": (
        "The platforms keep less of residents' data and take a smaller share of the value (B lower on both), "
        "and trust rises (B higher).",
        "Les plateformes gardent moins de données des habitants et captent une part plus faible de la valeur "
        "(B plus bas pour les deux), et la confiance monte (B plus haut).",
    ),
    "lesson.integrated.12": (
        "A company's hold on a sector loosens where residents have something else to use. What could a city "
        "offer in mobility, where OmniRide has no rival?",
        "La prise d'une entreprise sur un secteur se desserre là où les habitants ont autre chose à utiliser. "
        "Que pourrait offrir une ville dans la mobilité, où OmniRide n'a pas de concurrent ?",
    ),
}
