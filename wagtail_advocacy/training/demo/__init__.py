"""Demo training for ``advocacy_demo``: three modules in English and French, post templates.

The example intranet has no Wagtail i18n, so the French modules live under their own
"Formation" index. Stream block ids are derived from the slugs so running the demo again
updates the text without invalidating the lessons employees already marked as read.
"""

import uuid

from django.contrib.auth.models import Permission
from wagtail.models import GroupPagePermission

from wagtail_advocacy.training.models import PostTemplate
from wagtail_advocacy.training.pages import TrainingIndexPage, TrainingModulePage

NAMESPACE = uuid.UUID("6f1c2a4e-8f7b-4d0a-9a51-3b1f0c2d7e90")


def _id(*parts):
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def text(html):
    return ("rich_text", html)


def do_dont(do, dont):
    return ("do_dont", {"do": do, "dont": dont})


def example(network, good, bad, why):
    return ("example_post", {"network": network, "good": good, "bad": bad, "why": why})


def checklist(title, *items):
    return ("checklist", {"title": title, "items": list(items)})


def callout(kind, title, html):
    return ("callout", {"kind": kind, "title": title, "text": html})


def q(question, right, wrong, explanation, *, multiple=False):
    """A question: ``right`` and ``wrong`` answers, shown right first then wrong."""
    choices = [{"text": t, "correct": True} for t in right]
    choices += [{"text": t, "correct": False} for t in wrong]
    kind = "multiple" if multiple else "single"
    return {"question": question, "kind": kind, "choices": choices, "explanation": explanation}


INDEXES = {
    "en": {
        "slug": "training",
        "title": "Training",
        "intro": "<p>Short modules to share well, as yourself. Ten minutes each, a quiz at "
        "the end, and you can take it again as often as you like.</p>",
    },
    "fr": {
        "slug": "formation",
        "title": "Formation",
        "intro": "<p>Des modules courts pour bien partager, en votre nom. Dix minutes "
        "chacun, un quiz à la fin, que vous pouvez repasser autant de fois que "
        "vous le souhaitez.</p>",
    },
}

MODULES = {
    "en": [
        {
            "slug": "share-as-yourself",
            "title": "Why and how to share as yourself",
            "summary": "Why your own voice works better than the brand's, what tone to use, "
            "what never to share, and the disclosure rule.",
            "level": "beginner",
            "minutes": 10,
            "networks": ["linkedin", "x", "bluesky"],
            "tags": ["basics"],
            "lessons": [
                (
                    "Why your voice matters",
                    [
                        text(
                            "<p>People trust people more than brands. A post from a "
                            "colleague who built something is read, liked and clicked far "
                            "more than the same news on the company page. That is the whole "
                            "point of this program: you share what you find worth sharing, "
                            "in your own words, and only when you want to.</p>"
                        ),
                        callout(
                            "info",
                            "Voluntary, always",
                            "<p>Nobody has to share. Nothing you share is monitored on "
                            "your accounts: we only count the clicks on your tracked link.</p>",
                        ),
                    ],
                ),
                (
                    "Tone: a colleague, not an advert",
                    [
                        do_dont(
                            "Say what you did, saw or learned, and why it matters to you.",
                            "Copy the marketing slogan, add five hashtags and three "
                            "exclamation marks.",
                        ),
                        example(
                            "linkedin",
                            "Our warehouse in Lille ships 40,000 parcels a day. I spent a "
                            "night shift with Karim's team last month: here is what I "
                            "learned about calm under pressure.",
                            "REVOLUTIONARY logistics!!! Discover our world-class warehouse "
                            "#logistics #innovation #future #proud #team",
                            "The good post has a person, a detail and a reason to read. "
                            "The bad one shouts buzzwords anybody could have written.",
                        ),
                    ],
                ),
                (
                    "What not to share",
                    [
                        checklist(
                            "Never share",
                            "Client names or projects under a confidentiality agreement",
                            "Figures that are not published yet (sales, results, prices)",
                            "Photos where screens, whiteboards or badges can be read",
                            "Colleagues' names or faces without asking them first",
                            "Anything about an incident, a dispute or a negotiation",
                        ),
                        callout(
                            "warning",
                            "When in doubt, don't",
                            "<p>Ask the communication team: it takes them five minutes, "
                            "and a deleted post is never really deleted.</p>",
                        ),
                    ],
                ),
                (
                    "The disclosure rule",
                    [
                        text(
                            "<p>When you post about your employer, say that you work here. "
                            "Consumer-protection rules require it in most countries, and "
                            "readers trust a transparent post more. The share panel adds "
                            "the program's disclosure (for example "
                            "<b>#NorthwindEmployee</b>) unless you already wrote it.</p>"
                        ),
                        do_dont(
                            "Keep the disclosure, or write “I work at Northwind” in your "
                            "own words.",
                            "Remove the disclosure to make the post look spontaneous.",
                        ),
                    ],
                ),
            ],
            "quiz": [
                q(
                    "Why does a post from an employee usually reach more people than "
                    "the same post from the company page?",
                    ["People trust people more than brands"],
                    ["Networks pay employees to post", "Company pages cannot post links"],
                    "Readers and network algorithms favour people over brands: your "
                    "voice is what makes the post credible.",
                ),
                q(
                    "Which of these must never be shared?",
                    [
                        "A client's name under a confidentiality agreement",
                        "Next quarter's sales figures before they are published",
                    ],
                    ["A job offer published on the careers site"],
                    "Confidential clients and unpublished figures stay inside. A "
                    "published job offer is meant to be shared.",
                    multiple=True,
                ),
                q(
                    "What should you do with the disclosure (e.g. #NorthwindEmployee)?",
                    ["Keep it, or say in your own words that you work here"],
                    ["Remove it so the post looks spontaneous", "Only add it on LinkedIn"],
                    "The law and your readers expect you to say you work here, on every network.",
                ),
                q(
                    "Which post sounds like a colleague rather than an advert?",
                    ["“I spent a night with the Lille team: here is what I learned.”"],
                    ["“REVOLUTIONARY logistics!!! #innovation #future #proud”"],
                    "A person, a detail and a reason to read beat capitals, buzzwords "
                    "and hashtag stuffing.",
                ),
                q(
                    "Do you have to share the content of the share hub?",
                    ["No: sharing is voluntary"],
                    ["Yes, at least once a week", "Yes, when your manager asks"],
                    "The program is opt-in: share what you find worth sharing, when you want to.",
                ),
            ],
        },
        {
            "slug": "linkedin-essentials",
            "title": "LinkedIn essentials",
            "summary": "A profile that makes people click, the anatomy of a good post, "
            "hooks, hashtags, timing and answering comments.",
            "level": "intermediate",
            "minutes": 12,
            "networks": ["linkedin"],
            "tags": ["linkedin"],
            "lessons": [
                (
                    "A profile worth visiting",
                    [
                        checklist(
                            "Before you post",
                            "A recent, friendly photo",
                            "A headline that says what you do, not only your job title",
                            "Your current position at Northwind, up to date",
                            "Two or three lines in “About” in the first person",
                        ),
                    ],
                ),
                (
                    "Anatomy of a post: the hook",
                    [
                        text(
                            "<p>LinkedIn shows the first two lines, then “…see more”. "
                            "Those lines decide whether anyone reads on. Start with a "
                            "fact, a question or a moment, not with “I am pleased to "
                            "announce”. Then say what happened, why it matters to you, "
                            "and end with a question or the link.</p>"
                        ),
                        example(
                            "linkedin",
                            "We threw away 3 tonnes of plastic tape last year. Not any more: "
                            "every parcel now ships in recycled paper. I worked on the "
                            "tests, here is what surprised me.",
                            "I am pleased and proud to announce that our company has "
                            "launched a new sustainable packaging initiative.",
                            "The good hook gives a concrete fact and a personal angle in "
                            "the first two lines; the bad one could be about anything.",
                        ),
                    ],
                ),
                (
                    "Hashtags and timing",
                    [
                        do_dont(
                            "Use two or three precise hashtags (#payments, #Lyon).",
                            "Stack ten generic ones (#success #motivation #business).",
                        ),
                        callout(
                            "tip",
                            "When to post",
                            "<p>Tuesday to Thursday, early morning or lunchtime, is when "
                            "your contacts scroll. Stay around for the first hour to "
                            "answer.</p>",
                        ),
                    ],
                ),
                (
                    "Answering comments",
                    [
                        text(
                            "<p>Comments are where the reach comes from. Answer each one "
                            "within the day, with a sentence rather than a like. For "
                            "questions about a job, offer to talk in private messages; "
                            "for criticism, stay polite and hand over to the "
                            "communication team if it gets heated.</p>"
                        ),
                        do_dont(
                            "Thank people by name and add something to the discussion.",
                            "Argue in public or answer a customer complaint yourself.",
                        ),
                    ],
                ),
            ],
            "quiz": [
                q(
                    "Why do the first two lines of a LinkedIn post matter most?",
                    ["LinkedIn hides the rest behind “…see more”"],
                    ["Only the first two lines are indexed", "The rest is not shown on mobile"],
                    "Readers decide from the visible lines whether to open the post: "
                    "make them concrete.",
                ),
                q(
                    "How many hashtags should a post usually carry?",
                    ["Two or three precise ones"],
                    ["As many as possible", "None, ever"],
                    "A few precise hashtags help people find the post; many generic ones "
                    "make it look like spam.",
                ),
                q(
                    "Which of these make a good hook?",
                    ["A concrete fact", "A question to the reader"],
                    ["“I am pleased to announce…”"],
                    "Facts and questions invite people to read on; formal announcements "
                    "are skipped.",
                    multiple=True,
                ),
                q(
                    "Someone criticises the company harshly under your post. What do you do?",
                    ["Stay polite and hand over to the communication team"],
                    ["Argue back in public", "Delete your whole post at once"],
                    "Keep calm and let the people whose job it is answer complaints.",
                ),
            ],
        },
        {
            "slug": "job-offers-and-cooptation",
            "title": "Sharing job offers and cooptation",
            "summary": "How to recommend a job to your network, and what you get when "
            "someone you referred is hired.",
            "level": "beginner",
            "minutes": 8,
            "networks": ["linkedin", "whatsapp", "email"],
            "tags": ["jobs"],
            "lessons": [
                (
                    "Recommend, don't broadcast",
                    [
                        text(
                            "<p>A job offer shared with “We're hiring!” and a link is "
                            "scrolled past. Say what the team is like, what the person "
                            "will work on and why you would like them as a colleague. "
                            "Sending the offer to one or two people you have in mind, "
                            "by message or e-mail, often works better than a public "
                            "post.</p>"
                        ),
                        example(
                            "linkedin",
                            "My team is hiring a backend engineer in Lyon. We ship every "
                            "day, we review each other's code kindly, and Fridays are for "
                            "learning. Happy to answer questions in private.",
                            "We're hiring!!! Apply now #jobs #hiring #opportunity",
                            "The good post gives a reason to join and an open door to ask "
                            "questions; the bad one gives nothing.",
                        ),
                    ],
                ),
                (
                    "Cooptation: what you get",
                    [
                        text(
                            "<p>When someone applies through your tracked link, the "
                            "application is linked to you. If they are hired and stay "
                            "through their trial period, you receive the cooptation "
                            "bonus described on the HR intranet page, and recruiters "
                            "tell you how it went.</p>"
                        ),
                        checklist(
                            "Before you recommend someone",
                            "You know their work, or they asked you about the job",
                            "They agreed to be put forward",
                            "You share the offer through the share panel, so your link is tracked",
                        ),
                    ],
                ),
                (
                    "Respect and fairness",
                    [
                        do_dont(
                            "Tell recruiters honestly how you know the candidate.",
                            "Promise a candidate the job or a salary.",
                        ),
                        callout(
                            "info",
                            "Equal chances",
                            "<p>Coopted candidates go through the same interviews as "
                            "everyone else.</p>",
                        ),
                    ],
                ),
            ],
            "quiz": [
                q(
                    "What makes a job post work best?",
                    ["Saying what the team is like and why you'd like them as a colleague"],
                    ["“We're hiring!” and the link", "As many hashtags as possible"],
                    "A personal recommendation gives readers a reason to apply.",
                ),
                q(
                    "How is an application linked to you for cooptation?",
                    ["The candidate applies through your tracked link"],
                    ["You e-mail HR the candidate's name after they are hired"],
                    "Sharing from the share panel gives you a personal tracked link: "
                    "that is how the application is credited to you.",
                ),
                q(
                    "Which of these should you do before recommending someone?",
                    ["Check they agree to be put forward", "Share through the share panel"],
                    ["Promise them the job"],
                    "Ask first, use your tracked link, and never promise an outcome.",
                    multiple=True,
                ),
                q(
                    "Do coopted candidates skip interviews?",
                    ["No: they go through the same process as everyone"],
                    ["Yes, the first one", "Yes, all of them"],
                    "Cooptation opens the door; the hiring process stays the same for fairness.",
                ),
            ],
        },
    ],
    "fr": [
        {
            "slug": "partager-en-son-nom",
            "title": "Pourquoi et comment partager en son nom",
            "summary": "Pourquoi votre voix porte plus que celle de la marque, quel ton "
            "adopter, ce qu'il ne faut jamais partager, la confidentialité et la règle "
            "de transparence.",
            "level": "beginner",
            "minutes": 10,
            "networks": ["linkedin", "x", "bluesky"],
            "tags": ["bases"],
            "lessons": [
                (
                    "Pourquoi votre voix compte",
                    [
                        text(
                            "<p>On fait davantage confiance à une personne qu'à une "
                            "marque. Le message d'un collègue qui a participé à un projet "
                            "est bien plus lu et cliqué que la même actualité sur la page "
                            "de l'entreprise. C'est tout le principe du programme : vous "
                            "partagez ce qui vous semble intéressant, avec vos mots, et "
                            "seulement si vous le souhaitez.</p>"
                        ),
                        callout(
                            "info",
                            "Toujours volontaire",
                            "<p>Personne n'est obligé de partager. Rien n'est surveillé "
                            "sur vos comptes : seuls les clics sur votre lien suivi sont "
                            "comptés.</p>",
                        ),
                    ],
                ),
                (
                    "Le ton : un collègue, pas une publicité",
                    [
                        do_dont(
                            "Dites ce que vous avez fait, vu ou appris, et pourquoi cela "
                            "compte pour vous.",
                            "Copier le slogan, ajouter cinq hashtags et trois points "
                            "d'exclamation.",
                        ),
                        example(
                            "linkedin",
                            "Notre entrepôt de Lille expédie 40 000 colis par jour. J'ai "
                            "passé une nuit avec l'équipe de Karim le mois dernier : voici "
                            "ce que j'ai appris sur le calme sous pression.",
                            "Une logistique RÉVOLUTIONNAIRE !!! Découvrez notre entrepôt "
                            "#logistique #innovation #avenir #fierté #équipe",
                            "Le bon message a une personne, un détail et une raison de "
                            "lire. Le mauvais aligne des mots creux que n'importe qui "
                            "aurait pu écrire.",
                        ),
                    ],
                ),
                (
                    "Ce qu'il ne faut pas partager",
                    [
                        checklist(
                            "Ne jamais partager",
                            "Les noms de clients ou projets sous accord de confidentialité",
                            "Des chiffres non publiés (ventes, résultats, prix)",
                            "Des photos où l'on peut lire un écran, un tableau ou un badge",
                            "Le nom ou le visage d'un collègue sans son accord",
                            "Tout ce qui touche à un incident, un litige ou une négociation",
                        ),
                        callout(
                            "warning",
                            "Dans le doute, abstenez-vous",
                            "<p>Demandez à l'équipe communication : cela leur prend cinq "
                            "minutes, et un message supprimé ne l'est jamais vraiment.</p>",
                        ),
                    ],
                ),
                (
                    "La règle de transparence",
                    [
                        text(
                            "<p>Quand vous parlez de votre employeur, dites que vous y "
                            "travaillez. La loi l'exige dans la plupart des pays, et les "
                            "lecteurs font davantage confiance à un message transparent. "
                            "Le panneau de partage ajoute la mention du programme (par "
                            "exemple <b>#NorthwindEmployee</b>) sauf si vous l'avez déjà "
                            "écrite.</p>"
                        ),
                        do_dont(
                            "Gardez la mention, ou écrivez « je travaille chez Northwind » "
                            "avec vos mots.",
                            "Retirer la mention pour que le message paraisse spontané.",
                        ),
                    ],
                ),
            ],
            "quiz": [
                q(
                    "Pourquoi le message d'un salarié touche-t-il en général plus de "
                    "monde que celui de la page entreprise ?",
                    ["On fait davantage confiance aux personnes qu'aux marques"],
                    [
                        "Les réseaux paient les salariés pour publier",
                        "Les pages entreprise ne peuvent pas publier de liens",
                    ],
                    "Les lecteurs comme les algorithmes favorisent les personnes : votre "
                    "voix rend le message crédible.",
                ),
                q(
                    "Que ne faut-il jamais partager ?",
                    [
                        "Le nom d'un client sous accord de confidentialité",
                        "Les ventes du prochain trimestre avant leur publication",
                    ],
                    ["Une offre d'emploi publiée sur le site carrières"],
                    "Les clients confidentiels et les chiffres non publiés restent en "
                    "interne. Une offre publiée est faite pour être partagée.",
                    multiple=True,
                ),
                q(
                    "Que faire de la mention de transparence (ex. #NorthwindEmployee) ?",
                    ["La garder, ou dire avec vos mots que vous travaillez ici"],
                    [
                        "La retirer pour paraître spontané",
                        "Ne l'ajouter que sur LinkedIn",
                    ],
                    "La loi et vos lecteurs attendent que vous disiez travailler ici, sur "
                    "tous les réseaux.",
                ),
                q(
                    "Quel message ressemble à un collègue plutôt qu'à une publicité ?",
                    ["« J'ai passé une nuit avec l'équipe de Lille : voici ce que j'ai appris. »"],
                    ["« Une logistique RÉVOLUTIONNAIRE !!! #innovation #avenir »"],
                    "Une personne, un détail et une raison de lire valent mieux que des "
                    "majuscules, des mots creux et une avalanche de hashtags.",
                ),
                q(
                    "Êtes-vous obligé de partager les contenus du hub ?",
                    ["Non : le partage est volontaire"],
                    ["Oui, au moins une fois par semaine", "Oui, quand mon manager le demande"],
                    "Le programme repose sur le volontariat : partagez ce qui vous "
                    "intéresse, quand vous le souhaitez.",
                ),
            ],
        },
        {
            "slug": "linkedin-l-essentiel",
            "title": "LinkedIn : l'essentiel",
            "summary": "Un profil qui donne envie de cliquer, l'anatomie d'un bon message, "
            "l'accroche, les hashtags, le bon moment et les réponses aux commentaires.",
            "level": "intermediate",
            "minutes": 12,
            "networks": ["linkedin"],
            "tags": ["linkedin"],
            "lessons": [
                (
                    "Un profil qui donne envie",
                    [
                        checklist(
                            "Avant de publier",
                            "Une photo récente et souriante",
                            "Un titre qui dit ce que vous faites, pas seulement votre poste",
                            "Votre poste actuel chez Northwind, à jour",
                            "Deux ou trois lignes « Infos » à la première personne",
                        ),
                    ],
                ),
                (
                    "Anatomie d'un message : l'accroche",
                    [
                        text(
                            "<p>LinkedIn affiche deux lignes, puis « …voir plus ». Ces "
                            "deux lignes décident si l'on vous lit. Commencez par un "
                            "fait, une question ou un moment, pas par « J'ai le plaisir "
                            "de vous annoncer ». Dites ensuite ce qui s'est passé, "
                            "pourquoi cela compte pour vous, et terminez par une question "
                            "ou le lien.</p>"
                        ),
                        example(
                            "linkedin",
                            "Nous jetions 3 tonnes de ruban plastique par an. C'est fini : "
                            "chaque colis part désormais dans du papier recyclé. J'ai "
                            "participé aux tests, voici ce qui m'a surpris.",
                            "J'ai le plaisir et la fierté de vous annoncer que notre "
                            "entreprise lance une nouvelle initiative d'emballage durable.",
                            "La bonne accroche donne un fait concret et un regard personnel "
                            "dès les deux premières lignes ; la mauvaise pourrait parler de "
                            "n'importe quoi.",
                        ),
                    ],
                ),
                (
                    "Hashtags et bon moment",
                    [
                        do_dont(
                            "Utilisez deux ou trois hashtags précis (#paiement, #Lyon).",
                            "Empiler dix hashtags génériques (#succès #motivation #business).",
                        ),
                        callout(
                            "tip",
                            "Quand publier",
                            "<p>Du mardi au jeudi, tôt le matin ou à midi, vos contacts "
                            "sont en ligne. Restez disponible la première heure pour "
                            "répondre.</p>",
                        ),
                    ],
                ),
                (
                    "Répondre aux commentaires",
                    [
                        text(
                            "<p>La portée vient des commentaires. Répondez à chacun dans la "
                            "journée, par une phrase plutôt qu'un « j'aime ». Pour une "
                            "question sur un poste, proposez d'en parler en message privé ; "
                            "face à une critique, restez courtois et passez la main à "
                            "l'équipe communication si le ton monte.</p>"
                        ),
                        do_dont(
                            "Remerciez les personnes par leur nom et enrichissez l'échange.",
                            "Polémiquer en public ou traiter vous-même une réclamation client.",
                        ),
                    ],
                ),
            ],
            "quiz": [
                q(
                    "Pourquoi les deux premières lignes d'un message LinkedIn comptent-elles "
                    "le plus ?",
                    ["LinkedIn cache la suite derrière « …voir plus »"],
                    [
                        "Seules les deux premières lignes sont indexées",
                        "La suite n'apparaît pas sur mobile",
                    ],
                    "Le lecteur décide d'après les lignes visibles s'il ouvre le message : "
                    "rendez-les concrètes.",
                ),
                q(
                    "Combien de hashtags un message devrait-il porter ?",
                    ["Deux ou trois, précis"],
                    ["Le plus possible", "Aucun, jamais"],
                    "Quelques hashtags précis aident à trouver le message ; beaucoup de "
                    "hashtags génériques le font passer pour du spam.",
                ),
                q(
                    "Lesquelles de ces accroches fonctionnent ?",
                    ["Un fait concret", "Une question au lecteur"],
                    ["« J'ai le plaisir de vous annoncer… »"],
                    "Les faits et les questions donnent envie de lire ; les annonces "
                    "formelles sont ignorées.",
                    multiple=True,
                ),
                q(
                    "Quelqu'un critique durement l'entreprise sous votre message. Que "
                    "faites-vous ?",
                    ["Je reste courtois et je passe la main à l'équipe communication"],
                    ["Je réponds en public pour défendre l'entreprise", "Je supprime tout"],
                    "Gardez votre calme et laissez répondre ceux dont c'est le métier.",
                ),
            ],
        },
        {
            "slug": "offres-d-emploi-et-cooptation",
            "title": "Partager des offres d'emploi et coopter",
            "summary": "Comment recommander un poste à votre réseau, et ce que vous "
            "obtenez quand une personne que vous avez recommandée est recrutée.",
            "level": "beginner",
            "minutes": 8,
            "networks": ["linkedin", "whatsapp", "email"],
            "tags": ["emploi"],
            "lessons": [
                (
                    "Recommander plutôt que diffuser",
                    [
                        text(
                            "<p>Une offre partagée avec « On recrute ! » et un lien passe "
                            "inaperçue. Dites à quoi ressemble l'équipe, sur quoi la "
                            "personne travaillera et pourquoi vous aimeriez l'avoir comme "
                            "collègue. Envoyer l'offre à une ou deux personnes précises, "
                            "par message ou e-mail, marche souvent mieux qu'un message "
                            "public.</p>"
                        ),
                        example(
                            "linkedin",
                            "Mon équipe recrute un développeur backend à Lyon. On livre "
                            "tous les jours, on relit le code des autres avec "
                            "bienveillance, et le vendredi est consacré à apprendre. "
                            "Posez-moi vos questions en privé.",
                            "On recrute !!! Postulez vite #emploi #recrutement #opportunité",
                            "Le bon message donne une raison de rejoindre l'équipe et une "
                            "porte ouverte pour poser des questions ; le mauvais ne dit "
                            "rien.",
                        ),
                    ],
                ),
                (
                    "La cooptation : ce que vous y gagnez",
                    [
                        text(
                            "<p>Quand une personne postule par votre lien suivi, sa "
                            "candidature vous est rattachée. Si elle est recrutée et "
                            "confirme sa période d'essai, vous recevez la prime de "
                            "cooptation décrite sur la page RH de l'intranet, et les "
                            "recruteurs vous tiennent au courant.</p>"
                        ),
                        checklist(
                            "Avant de recommander quelqu'un",
                            "Vous connaissez son travail, ou il vous a interrogé sur le poste",
                            "Il est d'accord pour être recommandé",
                            "Vous partagez l'offre depuis le panneau de partage, pour que "
                            "votre lien soit suivi",
                        ),
                    ],
                ),
                (
                    "Respect et équité",
                    [
                        do_dont(
                            "Dites honnêtement aux recruteurs comment vous connaissez la "
                            "personne.",
                            "Promettre le poste ou un salaire à un candidat.",
                        ),
                        callout(
                            "info",
                            "Égalité des chances",
                            "<p>Les candidats cooptés passent les mêmes entretiens que "
                            "tous les autres.</p>",
                        ),
                    ],
                ),
            ],
            "quiz": [
                q(
                    "Qu'est-ce qui rend une offre partagée efficace ?",
                    ["Dire à quoi ressemble l'équipe et pourquoi vous aimeriez ce collègue"],
                    ["« On recrute ! » et le lien", "Le plus de hashtags possible"],
                    "Une recommandation personnelle donne aux lecteurs une raison de postuler.",
                ),
                q(
                    "Comment une candidature vous est-elle rattachée pour la cooptation ?",
                    ["Le candidat postule par votre lien suivi"],
                    ["Vous envoyez son nom aux RH après son embauche"],
                    "Partager depuis le panneau de partage vous donne un lien suivi "
                    "personnel : c'est ainsi que la candidature vous est attribuée.",
                ),
                q(
                    "Que faut-il faire avant de recommander quelqu'un ?",
                    [
                        "Vérifier qu'il est d'accord pour être recommandé",
                        "Partager depuis le panneau de partage",
                    ],
                    ["Lui promettre le poste"],
                    "Demandez d'abord, utilisez votre lien suivi, et ne promettez jamais "
                    "de résultat.",
                    multiple=True,
                ),
                q(
                    "Les candidats cooptés sont-ils dispensés d'entretien ?",
                    ["Non : ils suivent le même processus que tout le monde"],
                    ["Oui, du premier", "Oui, de tous"],
                    "La cooptation ouvre la porte ; le processus reste le même pour tous, "
                    "par équité.",
                ),
            ],
        },
    ],
}

POST_TEMPLATES = [
    {
        "title": "Proud of my team (job offer)",
        "network": "linkedin",
        "language": "",
        "tags": ["jobs"],
        "text": "My colleagues at Northwind are hiring: {title}. {summary} If you know "
        "someone who would love it, send them my way. {url}",
    },
    {
        "title": "Short and personal",
        "network": "x",
        "language": "",
        "tags": [],
        "text": "My colleagues just published this, worth a read: {title} {url}",
    },
]


def _lessons_raw(slug, lessons):
    raw = []
    for number, (title, blocks) in enumerate(lessons):
        body = [
            {"type": kind, "value": value, "id": _id(slug, "lesson", number, index)}
            for index, (kind, value) in enumerate(blocks)
        ]
        raw.append(
            {
                "type": "lesson",
                "value": {"title": title, "body": body},
                "id": _id(slug, "lesson", number),
            }
        )
    return raw


def _quiz_raw(slug, questions):
    return [
        {"type": "question", "value": value, "id": _id(slug, "question", number)}
        for number, value in enumerate(questions)
    ]


def _index(root, spec):
    index = TrainingIndexPage.objects.filter(slug=spec["slug"]).first()
    if index is None:
        index = root.add_child(instance=TrainingIndexPage(slug=spec["slug"], title=spec["title"]))
    index.title = spec["title"]
    index.intro = spec["intro"]
    index.save_revision().publish()
    return index


def _module(index, spec):
    module = TrainingModulePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    created = module is None
    if created:
        module = TrainingModulePage(slug=spec["slug"])
    module.title = spec["title"]
    module.summary = spec["summary"]
    module.level = spec["level"]
    module.estimated_minutes = spec["minutes"]
    module.networks = spec["networks"]
    module.lessons = _lessons_raw(spec["slug"], spec["lessons"])
    module.quiz = _quiz_raw(spec["slug"], spec["quiz"])
    module.pass_mark = 75
    if created:
        index.add_child(instance=module)
    module.tags.set(spec["tags"])
    module.save_revision().publish()
    return module


def _grant(editors, index):
    for permission_type in ("add", "change", "publish"):
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{permission_type}_page"
            ),
        )


def load(site, editors=None):
    """Create or update the demo training: two indexes, six modules, two post templates;
    editors may write modules and templates and read the training statistics."""
    modules = []
    for language, spec in INDEXES.items():
        index = _index(site.root_page, spec)
        if editors is not None:
            _grant(editors, index)
        modules += [_module(index, module) for module in MODULES[language]]
    if editors is not None:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="wagtail_advocacy",
                codename__in=[
                    "add_posttemplate",
                    "change_posttemplate",
                    "delete_posttemplate",
                    "view_trainingcompletion",
                ],
            )
        )
    for spec in POST_TEMPLATES:
        template, _created = PostTemplate.objects.update_or_create(
            title=spec["title"],
            defaults={k: spec[k] for k in ("network", "language", "text")},
        )
        template.tags.set(spec["tags"])
        template.save()
    return modules
