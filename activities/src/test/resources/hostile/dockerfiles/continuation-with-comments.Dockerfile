FROM \
# comment

  alpine:3.20
