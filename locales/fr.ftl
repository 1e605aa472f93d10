# Convene's interface strings, French.

site-name = Convene
site-tagline = Les conférences des villes et des régions
skip-to-content = Aller au contenu
nav-conferences = Conférences
lang-switcher = Langue
footer-feeds = Flux et données
footer-feed = Flux Atom de toutes les conférences
footer-api = API JSON

home-title = Conférences
home-upcoming = À venir
home-past = Passées
home-no-upcoming = Aucune conférence à venir pour l'instant.
home-no-past = Aucune conférence passée.
home-no-conferences = Aucune conférence n'a encore été publiée.
topic-title = Conférences : { $topic }
topic-feed = Flux Atom de ce thème

conference-dates = Dates
conference-venue = Lieu
conference-hosts = Hôtes
conference-partners = Partenaires
conference-languages = Langues
conference-topics = Thèmes
conference-zone = Fuseau horaire
conference-about = À propos de la conférence
conference-agenda = Programme
conference-people = Intervenants et modérateurs
conference-calendar = Ajouter tout le programme à votre agenda (.ics)

agenda-title = Programme
agenda-days = Jours de la conférence
agenda-all-rooms = Toutes les salles
agenda-room = Salle
agenda-track = Parcours
agenda-seats = Limité à { $count } places
agenda-empty = Le programme n'a pas encore été publié.

kind-ceremony = Cérémonie
kind-plenary = Plénière
kind-panel = Panel
kind-discussion = Discussion
kind-workshop = Atelier
kind-round_table = Table ronde
kind-break = Pause
kind-meal = Repas

role-chair = Président de séance
role-moderator = Modérateur
role-speaker = Intervenant
role-rapporteur = Rapporteur

session-when = Quand
session-where = Où
session-kind = Format
session-seats = Places
session-people = Participants à la séance
session-calendar = Ajouter cette séance à votre agenda (.ics)
session-back = Retour au programme

people-title = Intervenants et modérateurs
people-none = Aucun intervenant n'a encore été annoncé.
person-sessions = Séances

zone-venue-time = { $time } { $abbr }, heure de { $city }
zone-your-time = { $time }, votre heure ({ $zone })
zone-show-mine = Afficher les heures dans mon fuseau horaire
zone-show-venue = Afficher les heures du lieu de la conférence

not-found-title = Page introuvable
not-found-body = Il n'y a pas de page à cette adresse. Le lien est peut-être mal saisi, ou la page a été déplacée.
not-found-home = Voir toutes les conférences
error-title = Une erreur s'est produite
error-body = La page ne peut pas être affichée pour le moment. Veuillez réessayer dans un instant.

date-long = { $weekday } { $day } { $month } { $year }
weekday-1 = lundi
weekday-2 = mardi
weekday-3 = mercredi
weekday-4 = jeudi
weekday-5 = vendredi
weekday-6 = samedi
weekday-7 = dimanche
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

country-be = Belgique
country-lb = Liban

problem-required = Veuillez remplir ce champ.
problem-too-long = Veuillez raccourcir à { $max } caractères au plus.
problem-control-characters = Veuillez supprimer les retours à la ligne, tabulations et caractères invisibles.
problem-markup = Veuillez supprimer les chevrons (< et >).
problem-not-an-email = Veuillez saisir une adresse électronique comme nom@exemple.org.
problem-choose-one = Veuillez choisir l'une des options.
problem-consent-required = Veuillez accepter le traitement de vos données : la conférence ne peut pas vous inscrire sans cela.

category-mayor_or_governor = Maire ou gouverneur
category-local_or_regional_government = Gouvernement local ou régional
category-national_government = Gouvernement national
category-international_organisation = Organisation internationale
category-civil_society = Société civile
category-academia = Monde universitaire
category-private_sector = Secteur privé
category-press = Presse

mail-greeting = Bonjour { $name },
mail-greeting-plain = Bonjour,
mail-closing = Avec nos meilleures salutations, le secrétariat de la conférence
mail-verification-subject = Confirmez votre adresse électronique : { $conference }
mail-verification-body = Merci de votre inscription à { $conference }. Veuillez confirmer votre adresse électronique en ouvrant le lien ci-dessous dans les 48 heures.

    Si vous ne vous êtes pas inscrit, ignorez ce message : rien ne se passera.
mail-confirmation-subject = Votre inscription est confirmée : { $conference }
mail-confirmation-body = Votre inscription à { $conference } est confirmée. Vous pouvez la consulter, la modifier ou l'annuler à tout moment avec votre lien personnel ci-dessous ; ne le partagez pas.
mail-waiting_list-subject = Vous êtes sur la liste d'attente : { $conference }
mail-waiting_list-body = { $conference } est complète pour le moment. Vous êtes numéro { $position } sur la liste d'attente ; si une place se libère, vous serez inscrit automatiquement et prévenu par courriel. Votre lien personnel ci-dessous montre votre inscription.
mail-awaiting_approval-subject = Votre inscription est en cours d'examen : { $conference }
mail-awaiting_approval-body = Merci d'avoir confirmé votre adresse. Les organisateurs de { $conference } examinent chaque inscription ; ils vous répondront par courriel. Votre lien personnel ci-dessous montre votre inscription.
mail-private_link-subject = Votre lien personnel : { $conference }
mail-private_link-body = Quelqu'un, sans doute vous, a demandé à nouveau à s'inscrire à { $conference } avec cette adresse. Vous êtes déjà inscrit : votre lien personnel ci-dessous montre votre inscription et permet de la modifier ou de l'annuler.
mail-cancellation-subject = Votre inscription est annulée : { $conference }
mail-cancellation-body = Votre inscription à { $conference } est annulée. S'il s'agit d'une erreur, vous pouvez vous inscrire à nouveau depuis la page de la conférence.
mail-promotion-subject = Une place vous attend : { $conference }
mail-promotion-body = Bonne nouvelle : une place s'est libérée et votre inscription à { $conference } est maintenant confirmée. Votre lien personnel ci-dessous montre votre inscription.

conference-register = S'inscrire
register-title = Inscription
register-intro = L'inscription prend quelques minutes. Nous vous enverrons un courriel pour confirmer votre adresse ; aucun mot de passe n'est nécessaire.
register-errors = Veuillez corriger les champs signalés ci-dessous.
register-given-name = Prénom
register-family-name = Nom
register-email = Adresse électronique
register-organisation = Organisation
register-function = Fonction
register-optional = facultatif
register-city = Ville
register-country = Pays
register-country-hint = Deux lettres (code ISO), par exemple BE pour la Belgique ou LB pour le Liban.
register-category = Catégorie de participant
register-choose = Choisir…
register-consent = J'accepte que les organisateurs traitent mes données pour organiser cette conférence.
register-submit = S'inscrire
sent-title = Consultez votre messagerie
sent-body = Nous avons envoyé un message à l'adresse indiquée. Ouvrez le lien qu'il contient pour confirmer votre inscription. Si vous êtes déjà inscrit, le message contient votre lien personnel.
sent-spam = Rien après quelques minutes ? Regardez dans vos courriers indésirables, ou inscrivez-vous à nouveau : nous renverrons le message.
verify-title = Confirmez votre inscription
verify-body = Appuyez sur le bouton pour confirmer votre adresse électronique et votre inscription.
verify-submit = Confirmer mon inscription
verify-confirmed = Votre inscription est confirmée. Une confirmation arrive dans votre messagerie, avec votre lien personnel pour la consulter, la modifier ou l'annuler.
verify-waiting = La conférence est complète pour le moment : vous êtes numéro { $position } sur la liste d'attente. Si une place se libère, vous serez inscrit automatiquement et prévenu par courriel.
verify-awaiting = Merci : votre adresse est confirmée. Les organisateurs examinent chaque inscription et vous écriront.
verify-expired = Ce lien a expiré. Inscrivez-vous à nouveau pour en recevoir un nouveau.
verify-unknown = Ce lien n'est pas valide, ou a déjà été utilisé. Si vous êtes inscrit, votre courriel de confirmation contient votre lien personnel.

link-title = Votre inscription
link-status-unverified = Votre adresse n'est pas encore confirmée : ouvrez le lien du premier courriel que nous vous avons envoyé.
link-status-awaiting_approval = Les organisateurs examinent votre inscription.
link-status-confirmed = Votre inscription est confirmée.
link-status-waiting = Vous êtes numéro { $position } sur la liste d'attente.
link-status-cancelled = Votre inscription est annulée.
link-status-rejected = Votre inscription n'a pas été acceptée.
link-cancel-explain = Si vous ne pouvez pas venir, veuillez annuler : votre place ira à la personne suivante sur la liste d'attente.
link-cancel = Annuler mon inscription
