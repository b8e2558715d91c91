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
        "plateformes numériques (livraison, VTC, locations de courte durée, cartes, technologies civiques) sont "
        "entrées dans les villes en grande partie hors de toute stratégie publique, et déstabilisent les "
        "collectivités, tantôt comme un risque, tantôt comme une tension qui fait bouger les choses, tantôt "
        "comme une opportunité.\n"
        "Chaque habitant est à la fois citoyen, consommateur, contributeur bénévole et, pour quelques-uns, "
        "travailleur des plateformes, avec un seul budget de temps par semaine pour les quatre rôles. Le modèle "
        "demande ce que deviennent les bénévoles quand les services publics s'appuient sur eux, qui garde la "
        "valeur créée sur les plateformes, comment la collectivité lit chaque secteur, et ce que gouverner peut "
        "changer.",
    ),
    "about.how": ("How it works", "Comment ça marche"),
    "about.how.text": (
        "One step is one week, and each resident's week has 168 hours: sleep, meals, paid work and domestic "
        "time (from INSEE's time-use survey) come first, and what is left is shared. Each resident chooses a "
        "provider in each sector, weighing price, convenience (bigger platforms are handier), the time a use "
        "takes (time counts more for the busy), what its neighbours use and, the more citizen-minded, the "
        "provider's social side; every digital use leaves data traces the provider may keep.\n"
        "Residents share their hours left between gig work, volunteering, civic life and rest, by what each "
        "returns (expected pay, recognition, trust in who asks, being heard) and what it costs (fatigue, an "
        "ask beyond their capacity). Gig workers offer hours on the pay they expect: a commercial platform "
        "pays by the task and leaves waiting unpaid; the courier cooperative pays by the hour. The commission "
        "splits what consumers pay between the platform and the worker.\n"
        "Public services ask a weekly volume of volunteer hours, spread over the active contributors, the most "
        "engaged first. A contributor accepts, reduces or declines a request, and the declined hours are asked "
        "again, first of its neighbours. Above their capacity volunteers tire; past a threshold they burn out "
        "for six months and lose trust. Residents start volunteering when people they know do, and some give "
        "up when those around them burn out or give up. Past a tipping point in what is asked, the services "
        "lose about half of their hours.\n"
        "Residents' orientation (consumer or citizen) and trust spread along a network of neighbours. Trust "
        "also follows what residents live (the authority's record, requests they could not meet, unpaid "
        "waiting), and it changes what they do: trusting residents volunteer, vote and debate more. Each "
        "platform has six criteria of destabilisation (data capture, audience, financial power, contesting "
        "legitimacy, competing representation, independence); from them the authority reads each sector as a "
        "risk, a tension or an opportunity.\n"
        "Commercial platforms learn: each quarter a platform keeps the price and commission that raised its "
        "profit and reverses a move that lowered it (win-stay, lose-shift), first to grow, then for profit. "
        "New platforms enter; one whose capital runs out leaves. A platform defies a regulation's rule when "
        "what it gains by ignoring it is more than the fine it expects: the fine for what it sold or paid that "
        "week, times the chance of being caught, which it learns from who was caught before (inspectors the "
        "authority pays for, whose findings hold as far as it is legitimate). Incumbents (the public provider, local "
        "shops, OpenStreetMap) improve their service or pool their data in a commons the authority offers "
        "when their sector is under tension.\n"
        "The authority can pull levers, each paid from its budget: care for contributors, regulation of "
        "platforms, a data partnership, support for a cooperative, an innovation policy, a grand objective, an "
        "innovation agora (debates where couriers and cooperative members tell what they lived; nothing "
        "pushes listeners towards one pole), a participatory budget, and rules that act when a reading lasts.",
        "Un pas de temps est une semaine, et la semaine de chaque habitant compte 168 heures : le sommeil, les "
        "repas, le travail rémunéré et le temps domestique (d'après l'enquête Emploi du temps de l'INSEE) "
        "passent d'abord, et le reste se partage. Chaque habitant choisit un prestataire dans chaque secteur "
        "selon le prix, la commodité (les grandes plateformes sont plus pratiques), le temps que prend un usage "
        "(le temps compte plus pour les plus occupés), ce qu'utilisent ses voisins et, d'autant plus qu'il est "
        "tourné vers le pôle citoyen, la dimension sociale du prestataire ; chaque usage numérique laisse des "
        "traces que le prestataire peut garder.\n"
        "Les habitants partagent les heures qui leur restent entre le travail sur les plateformes, le "
        "bénévolat, la vie citoyenne et le repos, selon ce que chacun rapporte (rémunération attendue, "
        "reconnaissance, confiance en qui demande, être entendu) et ce qu'il coûte (fatigue, demande au-delà "
        "de leur capacité). Les travailleurs des plateformes offrent des heures selon la rémunération qu'ils "
        "attendent : une plateforme commerciale paie à la tâche et ne paie pas l'attente ; la coopérative de "
        "livreurs paie à l'heure. La commission partage ce que paient les consommateurs entre la plateforme et "
        "le travailleur.\n"
        "Les services publics demandent chaque semaine un volume d'heures bénévoles, réparti entre les "
        "contributeurs actifs, les plus engagés d'abord. Un contributeur accepte, réduit ou décline une "
        "demande, et les heures déclinées sont redemandées, d'abord à ses voisins. Au-delà de leur capacité, "
        "les bénévoles se fatiguent ; passé un seuil, ils font un burn-out pendant six mois et perdent "
        "confiance. Les habitants se mettent au bénévolat quand leurs proches en font, et certains y renoncent "
        "quand leur entourage s'épuise ou renonce. Au-delà d'un point de bascule dans ce qui est demandé, les "
        "services perdent environ la moitié de leurs heures.\n"
        "L'orientation des habitants (consommateur ou citoyen) et leur confiance se diffusent dans un réseau de "
        "voisins. La confiance suit aussi ce que vivent les habitants (le bilan de la collectivité, les "
        "demandes qu'ils n'ont pas pu satisfaire, l'attente non payée) et elle change ce qu'ils font : les "
        "habitants confiants donnent plus de temps au bénévolat, votent et débattent davantage. Chaque "
        "plateforme a six critères de déstabilisation (captation des données, audience, puissance financière, "
        "contestation de la légitimité, représentation concurrente, indépendance) ; à partir d'eux, la "
        "collectivité lit chaque secteur comme un risque, une tension ou une opportunité.\n"
        "Les plateformes commerciales apprennent : chaque trimestre, une plateforme garde le prix et la "
        "commission qui ont accru son profit et revient sur un changement qui l'a réduit (« gagner-rester, "
        "perdre-changer »), d'abord pour croître, puis pour le profit. De nouvelles plateformes entrent ; "
        "celle dont le capital s'épuise part. Une plateforme brave une règle de la régulation quand ce qu'elle "
        "gagne à l'ignorer dépasse l'amende qu'elle attend : l'amende pour ce qu'elle a vendu ou payé dans la "
        "semaine, multipliée par la probabilité d'être prise, qu'elle apprend de qui l'a été avant elle (des "
        "contrôleurs que la collectivité paie, dont les constats tiennent autant qu'elle est légitime). "
        "Les acteurs en place (le service "
        "public, les commerces locaux, OpenStreetMap) améliorent leur service ou versent leurs données dans un "
        "commun que propose la collectivité quand leur secteur est sous tension.\n"
        "La collectivité peut actionner des leviers, chacun payé sur son budget : soin des contributeurs, "
        "régulation des plateformes, partenariat de données, soutien à une coopérative, politique d'innovation, "
        "grand objectif, agora de l'innovation (des débats où livreurs et coopérateurs racontent ce qu'ils ont "
        "vécu ; rien n'y pousse les auditeurs vers un pôle), budget participatif, et des règles qui agissent "
        "quand une lecture dure.",
    ),
    "about.use": ("How to use it", "Comment l'utiliser"),
    "about.use.text": (
        "Choose a context (the city as it is) and a policy (what the authority tries): every control takes "
        "their values and says where its value comes from. Then press “+1 week”, “+1 year” or “Play” (at the "
        "speed you choose). Changing a setting starts the run again from week 0.\n"
        "With “Two cities”, City B starts as a copy of City A on the same seeds; give it another policy or "
        "other levers. Below each chart, the difference between the cities over the last year is read on "
        "every seed: an effect is a difference beyond the seeds' noise (on average at least the smallest "
        "difference that matters, and more than twice its uncertainty).\n"
        "The shaded bands show the range over six seeds: a wiggle inside the band is chance, not an effect. "
        "The other seeds run just after the chosen one, so the bands and the readouts follow a moment later. "
        "The dashed lines mark what happened (levers, platforms defying a rule, leaving or arriving, a commons "
        "pooled), numbered as in the list below the charts.\n"
        "“Present” hides the controls and shows the charts and the lesson larger, for the back of the room. "
        "“Charts (PNG)” downloads the charts on screen with a caption and a key; “Indicators (CSV)” every "
        "indicator of every run, week by week, in the page's language.",
        "Choisissez un contexte (la ville telle qu'elle est) et une politique (ce que tente la collectivité) : "
        "chaque réglage prend leurs valeurs et dit d'où vient la sienne. Puis appuyez sur « +1 semaine », "
        "« +1 an » ou « Lecture » (à la vitesse choisie). Changer un réglage fait repartir la simulation de la "
        "semaine 0.\n"
        "Avec « Deux villes », la ville B part d'une copie de la ville A sur les mêmes graines ; donnez-lui une "
        "autre politique ou d'autres leviers. Sous chaque graphique, l'écart entre les villes sur la dernière "
        "année est lu sur chaque graine : un effet est un écart au-delà du bruit des graines (en moyenne au "
        "moins la plus petite différence qui compte, et plus de deux fois son incertitude).\n"
        "Les zones ombrées montrent l'étendue sur six graines : une variation à l'intérieur est le hasard, pas "
        "un effet. Les autres graines tournent juste après la graine choisie : les zones et les relevés suivent "
        "un instant plus tard. Les pointillés marquent ce qui s'est passé (leviers, plateformes qui bravent une "
        "règle, partent ou arrivent, commun alimenté), numéroté comme dans la liste sous les graphiques.\n"
        "« Présenter » masque les réglages et montre les graphiques et la leçon en plus grand, pour le fond de "
        "la salle. « Graphiques (PNG) » télécharge les graphiques affichés avec une légende et une clé ; "
        "« Indicateurs (CSV) » tous les indicateurs de toutes les simulations, semaine par semaine, dans la "
        "langue de la page.",
    ),
    "about.notice": ("Things to notice", "À remarquer"),
    "about.notice.text": (
        "A small share of residents gives most of the volunteer hours, as in real volunteering; in the model "
        "this comes mostly from how residents' engagement is drawn, not from what happens to them.\n"
        "Asking more does not wear volunteers down smoothly: below a tipping point the services get all the "
        "hours they ask for; just past it, coverage collapses within months to about half, as contributors "
        "decline what they can no longer give. Burn-out peaks around the collapse and then falls back.\n"
        "Residents use what their neighbours use, so early chance can settle which platform a whole city "
        "adopts: compare the mapping sector from one seed to another.\n"
        "Nothing in the model tells residents to choose the cooperative, to trust the authority or to vote: "
        "those are responses to what they face.",
        "Une petite part des habitants donne l'essentiel des heures bénévoles, comme dans le bénévolat réel ; "
        "dans le modèle, cela vient surtout de la façon dont l'engagement des habitants est tiré, et non de ce "
        "qui leur arrive.\n"
        "Demander plus n'use pas les bénévoles régulièrement : sous un point de bascule, les services "
        "obtiennent toutes les heures demandées ; juste au-delà, la couverture s'effondre en quelques mois "
        "jusqu'à la moitié environ, car les contributeurs déclinent ce qu'ils ne peuvent plus donner. Le "
        "burn-out culmine autour de l'effondrement, puis retombe.\n"
        "Les habitants utilisent ce qu'utilisent leurs voisins : le hasard des débuts peut décider de la "
        "plateforme qu'adopte toute une ville. Comparez le secteur de la cartographie d'une graine à l'autre.\n"
        "Rien dans le modèle ne dit aux habitants de choisir la coopérative, de faire confiance à la "
        "collectivité ou de voter : ce sont des réponses à ce qu'ils vivent.",
    ),
    "about.try.text": (
        "The first six lessons in “Things to try” each start from one of the seed's stories: the burn-out "
        "cascade, the platform city, the agora and the courier cooperative, the address commons, the grand "
        "objective with participatory innovation, and the governed city; the seventh starts from the "
        "integrated platform city, where one company runs the map, rides and deliveries with its data "
        "shared across them, and asks whether a data-sharing duty or a shared map loosens its hold.\n"
        "Then make your own: move the volunteer hours asked in small steps and find where coverage tips; "
        "raise the regulation's inspection step by step and find where platforms stop defying it; "
        "start a lever later or earlier; change the seed "
        "and see what chance decides.",
        "Les six premières leçons de « À essayer » partent chacune d'une histoire de la source : la cascade "
        "du burn-out, la ville des plateformes, l'agora et la coopérative de livreurs, la base adresse "
        "commune, le grand objectif avec l'innovation participative, et la ville gouvernée ; la septième part "
        "de la ville plateforme intégrée, où une seule entreprise gère la carte, les VTC et la livraison en "
        "croisant leurs données, et demande si une obligation de partager les données ou une carte partagée "
        "desserre sa prise.\n"
        "Puis inventez les vôtres : changez par petits pas les heures de bénévolat demandées et trouvez où la "
        "couverture bascule ; augmentez pas à pas le contrôle de la régulation et trouvez où les plateformes cessent "
        "de la braver ; lancez "
        "un levier plus tôt ou plus tard ; changez la graine et voyez ce que décide le hasard.",
    ),
    "about.extend": ("Extending the model", "Prolonger le modèle"),
    "about.extend.text": (
        "Every city is a file: a context in `scenarios/contexts/` and a policy in `scenarios/policies/` (TOML). "
        "Copy one, change it, and run it from the command line with many seeds: `citysim run`, `citysim sweep`, "
        "`citysim compare`, `citysim report`.\n"
        "The model's description, with the source of every default value, is `docs/ODD.md`; each lever is a "
        "class in `simulation/interventions.py`. Open questions: how residents respond to being paid for "
        "volunteering, how far platforms' learning and defiance match what real platforms do, how debates "
        "really move opinions.",
        "Chaque ville est un fichier : un contexte dans `scenarios/contexts/` et une politique dans "
        "`scenarios/policies/` (TOML). Copiez-en un, modifiez-le, et lancez-le en ligne de commande sur de "
        "nombreuses graines : `citysim run`, `citysim sweep`, `citysim compare`, `citysim report`.\n"
        "La description du modèle, avec la source de chaque valeur par défaut, est `docs/ODD.md` ; chaque levier "
        "est une classe de `simulation/interventions.py`. Questions ouvertes : comment les habitants réagissent "
        "quand on paie le bénévolat, jusqu'où l'apprentissage et la désobéissance des plateformes "
        "ressemblent à ce que font les vraies, comment les débats font vraiment bouger les opinions.",
    ),
    "about.credits": ("Credits and references", "Crédits et références"),
    "about.credits.text": (
        "Concepts and the French source text: Fing, “Gouverner et innover dans la ville numérique réelle”, "
        "Audacities, 2018 (Fing and Iddri), licence CC BY 3.0 FR. Burn-out cascades: Casiraghi, Zingg and "
        "Schweitzer (2021). Opinion dynamics in debates: Deffuant et al. (2000). Voice and burn-out: Allen and "
        "Mueller (2013). Paid volunteering crowding out motivation: Frey and Oberholzer-Gee (1997). Being "
        "asked by someone one knows: Musick and Wilson (2008). Time use: INSEE, Emploi du temps 2010.\n"
        "Built with Mesa, Solara and matplotlib. Code: MIT licence.",
        "Concepts et texte source en français : Fing, « Gouverner et innover dans la ville numérique réelle », "
        "Audacities, 2018 (Fing et Iddri), licence CC BY 3.0 FR. Cascades de burn-out : Casiraghi, Zingg et "
        "Schweitzer (2021). Dynamique des opinions dans les débats : Deffuant et al. (2000). Parole et "
        "burn-out : Allen et Mueller (2013). Bénévolat rémunéré et éviction de la motivation : Frey et "
        "Oberholzer-Gee (1997). Être sollicité par un proche : Musick et Wilson (2008). Emploi du temps : "
        "INSEE, enquête Emploi du temps 2010.\n"
        "Construit avec Mesa, Solara et matplotlib. Code : licence MIT.",
    ),
}
