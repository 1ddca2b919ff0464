from alpine:3.20
copyy a b
