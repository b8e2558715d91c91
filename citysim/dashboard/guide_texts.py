"""The "About the model" panel's words, in English and French: part of the translation table.

In the spirit of the Info tab of the NetLogo Models Library: what the model is, how it works, how to
use it, what to notice, what to try, how to extend it, and where it comes from.
"""

from __future__ import annotations

ABOUT_SECTIONS = (("about.what", "about.what.text"), ("about.how", "about.how.text"),
                  ("about.use", "about.use.text"), ("about.notice", "about.notice.text"),
                  ("view.lessons", "about.try.text"), ("about.extend", "about.extend.text"),
                  ("about.credits", "about.credits.text"))
"""The panel's sections, in order: the key of each one's heading and of its paragraphs (one per line);
"Things to try" is the lessons' own heading."""

GUIDE_TEXTS: dict[str, tuple[str, str]] = {
    "about.what": ("What is it?", "De quoi s'agit-il ?"),
    "about.what.text": (
        "A model of the “real digital city” described by the Audacities project (Fing and Iddri, 2018): digital "
        "platforms (deliveries, rides, short-term rentals, maps, civic tech) entered cities mostly outside "
        "public strategy, and destabilised local authorities, sometimes as a risk, sometimes as a tension that "
        "brings change, sometimes as an opportunity.\n"
        "Each resident is at once a citizen, a consumer, a volunteer contributor and, for a few, a gig worker, "
        "with one weekly time budget for all four roles. The model asks what happens to volunteers when public "
        "services lean on them, who keeps the value platforms create, how the authority reads each sector, and "
        "what governing can change.",
        "Un modèle de la « ville numérique réelle » décrite par le projet Audacities (Fing et Iddri, 2018) : les "
        "plateformes numériques (livraison, VTC, locations de courte durée, cartes, civic tech) sont entrées "
        "dans les villes en grande partie hors de toute stratégie publique, et déstabilisent les collectivités, "
        "tantôt comme un risque, tantôt comme une tension qui fait bouger les choses, tantôt comme une "
        "opportunité.\n"
        "Chaque habitant est à la fois citoyen, consommateur, contributeur bénévole et, pour quelques-uns, "
        "travailleur des plateformes, avec un seul budget de temps par semaine pour les quatre rôles. Le modèle "
        "demande ce que deviennent les bénévoles quand les services publics s'appuient sur eux, qui garde la "
        "valeur créée sur les plateformes, comment la collectivité lit chaque secteur, et ce que gouverner peut "
        "changer.",
    ),
    "about.how": ("How it works", "Comment ça marche"),
    "about.how.text": (
        "One step is one week. Each resident chooses a provider in each sector, weighing price, convenience "
        "(bigger platforms are handier) and, the more citizen-minded, the provider's social side; every use "
        "leaves data traces the provider may keep.\n"
        "Gig workers choose a platform and offer hours on the pay they expect. A commercial platform pays by "
        "the task and leaves waiting unpaid; the courier cooperative pays by the hour. The commission splits "
        "what consumers pay between the platform and the worker.\n"
        "Public services ask a weekly volume of volunteer hours, spread over the active contributors, the most "
        "engaged first. Above their capacity volunteers tire; past a threshold they burn out for six months "
        "and lose trust, and their share falls on the others: a cascade.\n"
        "Residents' orientation (consumer or citizen) and trust spread along a network of neighbours. Each "
        "platform has six criteria of destabilisation (data capture, audience, financial power, contesting "
        "legitimacy, competing representation, independence); from them the authority reads each sector as a "
        "risk, a tension or an opportunity.\n"
        "The authority can pull levers, each paid from its budget: care for contributors, regulation of "
        "platforms, a data partnership, support for a cooperative, an innovation policy, a grand objective, an "
        "innovation agora, a participatory budget, and rules that act when a reading lasts.",
        "Un pas de temps est une semaine. Chaque habitant choisit un prestataire dans chaque secteur selon le "
        "prix, la commodité (les grandes plateformes sont plus pratiques) et, d'autant plus qu'il est tourné "
        "vers le pôle citoyen, la dimension sociale du prestataire ; chaque usage laisse des traces que le "
        "prestataire peut garder.\n"
        "Les travailleurs des plateformes en choisissent une et offrent des heures selon la rémunération qu'ils "
        "attendent. Une plateforme commerciale paie à la tâche et ne paie pas l'attente ; la coopérative de "
        "livreurs paie à l'heure. La commission partage ce que paient les consommateurs entre la plateforme et "
        "le travailleur.\n"
        "Les services publics demandent chaque semaine un volume d'heures bénévoles, réparti entre les "
        "contributeurs actifs, les plus engagés d'abord. Au-delà de leur capacité, les bénévoles se fatiguent ; "
        "passé un seuil, ils font un burn-out pendant six mois et perdent confiance, et leur part retombe sur "
        "les autres : une cascade.\n"
        "L'orientation des habitants (consommateur ou citoyen) et leur confiance se diffusent dans un réseau de "
        "voisins. Chaque plateforme a six critères de déstabilisation (captation des données, audience, "
        "puissance financière, contestation de la légitimité, représentation concurrente, indépendance) ; à "
        "partir d'eux, la collectivité lit chaque secteur comme un risque, une tension ou une opportunité.\n"
        "La collectivité peut actionner des leviers, chacun payé sur son budget : soin des contributeurs, "
        "régulation des plateformes, partenariat de données, soutien à une coopérative, politique d'innovation, "
        "grand objectif, agora de l'innovation, budget participatif, et des règles qui agissent quand une "
        "lecture dure.",
    ),
    "about.use": ("How to use it", "Comment l'utiliser"),
    "about.use.text": (
        "Choose a context (the city as it is) and a policy (what the authority tries): every control takes "
        "their values and says where its value comes from. Then press “+1 week”, “+1 year” or “Play”. Changing "
        "any setting starts the run again from week 0.\n"
        "With “Two cities”, City B starts as a copy of City A on the same seeds; give it another policy or "
        "other levers. Below each chart, the difference between the cities over the last weeks is read on "
        "every seed: an effect is a difference that every seed agrees on.\n"
        "The shaded bands show the range over six seeds: a wiggle inside the band is chance, not an effect. "
        "The dashed lines mark when levers started, stopped or ran out of money; the list below the charts "
        "says which lever and why.\n"
        "“Charts (PNG)” downloads the charts on screen; “Indicators (CSV)” every indicator of every run, week "
        "by week.",
        "Choisissez un contexte (la ville telle qu'elle est) et une politique (ce que tente la collectivité) : "
        "chaque réglage prend leurs valeurs et dit d'où vient la sienne. Puis appuyez sur « +1 semaine », "
        "« +1 an » ou « Lecture ». Changer un réglage fait repartir la simulation de la semaine 0.\n"
        "Avec « Deux villes », la ville B part d'une copie de la ville A sur les mêmes graines ; donnez-lui une "
        "autre politique ou d'autres leviers. Sous chaque graphique, l'écart entre les villes sur les dernières "
        "semaines est lu sur chaque graine : un effet est un écart sur lequel toutes les graines s'accordent.\n"
        "Les zones ombrées montrent l'étendue sur six graines : une variation à l'intérieur est le hasard, pas "
        "un effet. Les pointillés marquent le début, l'arrêt ou la fin du financement des leviers ; la liste "
        "sous les graphiques dit quel levier et pourquoi.\n"
        "« Graphiques (PNG) » télécharge les graphiques affichés ; « Indicateurs (CSV) » tous les indicateurs de "
        "toutes les simulations, semaine par semaine.",
    ),
    "about.notice": ("Things to notice", "À remarquer"),
    "about.notice.text": (
        "A small share of residents gives most of the volunteer hours, as in real volunteering.\n"
        "Burn-out does not grow smoothly with what is asked: below a tipping point it stays at a background "
        "level, just past it the cascade empties the contributor pool.\n"
        "Nothing in the model tells residents to choose the cooperative, to trust the authority or to vote: "
        "those are responses to what they face.",
        "Une petite part des habitants donne l'essentiel des heures bénévoles, comme dans le bénévolat réel.\n"
        "Le burn-out ne croît pas régulièrement avec ce qui est demandé : sous un point de bascule il reste à "
        "un niveau de fond, juste au-delà la cascade vide le vivier de contributeurs.\n"
        "Rien dans le modèle ne dit aux habitants de choisir la coopérative, de faire confiance à la "
        "collectivité ou de voter : ce sont des réponses à ce qu'ils vivent.",
    ),
    "about.try.text": (
        "The lessons in “Things to try” each start from one of the seed's stories: the burn-out cascade, the "
        "platform city, the agora and the courier cooperative, the address commons, the grand objective with "
        "participatory innovation, and the governed city.\n"
        "Then make your own: move the volunteer hours asked in small steps and find the tipping point; raise "
        "the commissions and watch gig workers' pay; start a lever later or earlier.",
        "Les leçons de « À essayer » partent chacune d'une histoire de la source : la cascade du burn-out, la "
        "ville des plateformes, l'agora et la coopérative de livreurs, la base adresse commune, le grand "
        "objectif avec l'innovation participative, et la ville gouvernée.\n"
        "Puis inventez les vôtres : changez par petits pas les heures de bénévolat demandées et trouvez le "
        "point de bascule ; augmentez les commissions et observez la rémunération des travailleurs ; lancez un "
        "levier plus tôt ou plus tard.",
    ),
    "about.extend": ("Extending the model", "Prolonger le modèle"),
    "about.extend.text": (
        "Every city is a file: a context in scenarios/contexts/ and a policy in scenarios/policies/ (TOML). "
        "Copy one, change it, and run it from the command line with many seeds: citysim run, citysim sweep, "
        "citysim compare, citysim report.\n"
        "The model's description, with the source of every default value, is docs/ODD.md; each lever is a "
        "class in simulation/interventions.py. Open questions: how residents respond to being paid for "
        "volunteering, how platforms respond to regulation over years, how debates really move opinions.",
        "Chaque ville est un fichier : un contexte dans scenarios/contexts/ et une politique dans "
        "scenarios/policies/ (TOML). Copiez-en un, modifiez-le, et lancez-le en ligne de commande sur de "
        "nombreuses graines : citysim run, citysim sweep, citysim compare, citysim report.\n"
        "La description du modèle, avec la source de chaque valeur par défaut, est docs/ODD.md ; chaque levier "
        "est une classe de simulation/interventions.py. Questions ouvertes : comment les habitants réagissent "
        "quand on paie le bénévolat, comment les plateformes réagissent à la régulation sur des années, comment "
        "les débats font vraiment bouger les opinions.",
    ),
    "about.credits": ("Credits and references", "Crédits et références"),
    "about.credits.text": (
        "Concepts and the French source text: Fing, “Gouverner et innover dans la ville numérique réelle”, "
        "Audacities, 2018 (Fing and Iddri), licence CC BY 3.0 FR. Burn-out cascades: Casiraghi, Zingg and "
        "Schweitzer (2021). Opinion dynamics in debates: Deffuant et al. (2000). Voice and burn-out: Allen and "
        "Mueller (2013). Paid volunteering crowding out motivation: Frey and Oberholzer-Gee (1997).\n"
        "Built with Mesa, Solara and matplotlib. Code: MIT licence.",
        "Concepts et texte source en français : Fing, « Gouverner et innover dans la ville numérique réelle », "
        "Audacities, 2018 (Fing et Iddri), licence CC BY 3.0 FR. Cascades de burn-out : Casiraghi, Zingg et "
        "Schweitzer (2021). Dynamique des opinions dans les débats : Deffuant et al. (2000). Parole et "
        "burn-out : Allen et Mueller (2013). Bénévolat rémunéré et éviction de la motivation : Frey et "
        "Oberholzer-Gee (1997).\n"
        "Construit avec Mesa, Solara et matplotlib. Code : licence MIT.",
    ),
}
