// chat2task dashboard
